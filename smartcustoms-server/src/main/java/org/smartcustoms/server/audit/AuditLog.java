package org.smartcustoms.server.audit;

import java.util.List;

/** Read side of the audit trail's storage: searching entries and walking the hash chain. */
public interface AuditLog {
    /** Newest first, filtered by exact actor, action and subject id (null = any). */
    AuditPage find(String actor, String action, String subjectId, int page, int size);

    /** One page of audit events. */
    record AuditPage(long total, int page, int size, List<AuditEntry> items) { }

    /** Up to {@code limit} entries with a sequence number above {@code seq}, in sequence order. */
    List<AuditEntry> entriesAfter(long seq, int limit);

    /** The chain head: the last sequence number and its hash. */
    record Head(long seq, String hash) { }

    Head head();

    /**
     * Chains the entries that committed transactions left in the journal (see {@code JdbcAuditTrail}); returns when
     * every entry committed before the call is on the chain.
     */
    void chainPending();
}
