package org.smartcustoms.server.audit;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-walks the audit chain and names the first link that does not hold. Each entry is checked for: its own
 * hash (an edited row), its prev_hash against the previous entry's hash (a deleted or inserted row) and its
 * seq following the previous one (a renumbered row); finally the head must point at the last entry (rows
 * deleted from the end). Reads in pages of {@value #PAGE} so a long trail does not need to fit in memory.
 */
@Service
public class AuditVerifier {
    static final int PAGE = 1000;
    public static final String EDITED = "hash mismatch (row edited)";
    public static final String RELINKED = "prev_hash does not match previous entry (row deleted or inserted)";
    public static final String GAP = "sequence gap";
    public static final String TRUNCATED = "last entry does not match the chain head (rows deleted at the end)";

    private final AuditLog log;

    public AuditVerifier(AuditLog log) {
        this.log = log;
    }

    /** Outcome of a verification; {@code firstBrokenSeq} and {@code reason} are null when the chain is intact. */
    public record Result(boolean ok, long entriesChecked, Long firstBrokenSeq, String reason) {
        public String message() {
            return ok ? "audit trail intact: " + entriesChecked + " entries verified"
                    : "audit trail BROKEN at seq " + firstBrokenSeq + ": " + reason + " (" + entriesChecked + " entries checked)";
        }
    }

    @Transactional(readOnly = true)
    public Result verify() {
        log.chainPending(); // entries committed but not chained yet (e.g. by a process killed in between) join the chain first
        long checked = 0;
        long expectedSeq = 1;
        String prevHash = AuditHash.GENESIS;
        long after = 0;
        while (true) {
            List<AuditEntry> page = log.entriesAfter(after, PAGE);
            for (AuditEntry e : page) {
                checked++;
                if (!AuditHash.hash(e).equals(e.hash())) return new Result(false, checked, e.seq(), EDITED);
                if (!prevHash.equals(e.prevHash())) return new Result(false, checked, e.seq(), RELINKED);
                if (e.seq() != expectedSeq) return new Result(false, checked, e.seq(), GAP);
                prevHash = e.hash();
                expectedSeq = e.seq() + 1;
                after = e.seq();
            }
            if (page.size() < PAGE) break;
        }
        AuditLog.Head head = log.head();
        long headSeq = head.seq();
        if (headSeq != expectedSeq - 1 || !prevHash.equals(head.hash())) {
            return new Result(false, checked, headSeq < expectedSeq - 1 ? headSeq + 1 : expectedSeq, TRUNCATED);
        }
        return new Result(true, checked, null, null);
    }
}
