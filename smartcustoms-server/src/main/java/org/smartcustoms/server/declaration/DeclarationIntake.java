package org.smartcustoms.server.declaration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.smartcustoms.declaration.Amendments;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declaration intake: validates, stores, runs acceptance steps (assessment, risk), tracks status and
 * notifies the declarant. Every public method is one transaction, so a failure leaves nothing half-stored.
 */
@Service
public class DeclarationIntake {
    private static final char[] MRN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private final DeclarationStore store;
    private final DeclarationValidator validator;
    private final List<AcceptanceStep> steps;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DeclarationIntake(DeclarationStore store, DeclarationValidator validator, List<AcceptanceStep> steps, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.steps = steps.stream().sorted(Comparator.comparingInt(AcceptanceStep::order)).toList();
        this.clock = clock;
    }

    /**
     * Submits a declaration message: an original (function 9), an amendment (13) or a cancellation (1).
     * Re-submitting an original with an LRN the declarant already used returns the existing declaration.
     * An original without a declaration date is dated on acceptance (today in the clock's zone): the date of
     * acceptance by customs is the declaration's date (UCC art. 172), and WCO DEC-DMS messages from traders, such as
     * UK CDS submissions, carry no date because customs set it.
     */
    @Transactional
    public IntakeResult submit(Declaration submitted, String actor) {
        Declaration d = submitted.declarationDate() == null && !submitted.isAmendment() && !submitted.isCancellation()
                ? submitted.withDeclarationDate(java.time.LocalDate.now(clock)) : submitted;
        if (d.isAmendment()) return new IntakeResult(amend(d, actor), false);
        if (d.isCancellation()) {
            String id = resolveReference(d).orElseThrow(() -> new DeclarationNotFoundException(String.valueOf(d.referencedId())));
            return new IntakeResult(cancel(id, "cancellation message " + d.lrn(), actor), false);
        }
        List<Violation> violations = validator.validate(d);
        if (!violations.isEmpty()) throw new InvalidDeclarationException(violations);
        Optional<String> existing = store.findIdByLrn(d.declarantId(), d.lrn());
        if (existing.isPresent()) return new IntakeResult(store.find(existing.get()).orElseThrow(), false);
        String id = newMrn();
        Instant now = clock.instant();
        try {
            store.insert(id, d, DeclarationStatus.SUBMITTED, now);
        } catch (DuplicateKeyException race) {
            String other = store.findIdByLrn(d.declarantId(), d.lrn()).orElseThrow(() -> race);
            return new IntakeResult(store.find(other).orElseThrow(), false);
        }
        accept(id, d, actor, "accepted");
        return new IntakeResult(store.find(id).orElseThrow(), true);
    }

    private void accept(String id, Declaration d, String actor, String how) {
        Instant now = clock.instant();
        store.changeStatus(id, DeclarationStatus.ACCEPTED, how, actor, now);
        store.notify(d.declarantId(), id, d.lrn(), "DMSACC", "Declaration " + d.lrn() + " " + how + " as " + id, now);
        StoredDeclaration accepted = store.find(id).orElseThrow();
        for (AcceptanceStep step : steps) {
            step.onAccepted(accepted, this); // steps only add results; none changes what the next one reads
        }
    }

    /** Applies an amendment to the declaration it references, keeping the previous version. */
    @Transactional
    public StoredDeclaration amend(Declaration amendment, String actor) {
        String id = resolveReference(amendment).orElseThrow(() -> new DeclarationNotFoundException(
                amendment.referencedId() != null ? amendment.referencedId() : amendment.lrn()));
        StoredDeclaration current = store.find(id).orElseThrow();
        boolean afterRelease = current.status() == DeclarationStatus.RELEASED;
        if (!current.status().isOpen() && !afterRelease) {
            throw new DeclarationStateException("Declaration " + id + " is " + current.status() + " and can no longer be amended");
        }
        Declaration merged = Amendments.apply(current.declaration(), amendment);
        List<Violation> violations = validator.validate(merged);
        if (!violations.isEmpty()) throw new InvalidDeclarationException(violations);
        Instant now = clock.instant();
        int version = current.version() + 1;
        store.replaceContent(id, merged, version, amendment.functionCode(), now);
        store.notify(current.declarantId(), id, merged.lrn(), "DMSACC",
                "Amendment to " + id + " accepted (version " + version + ")", now);
        if (afterRelease) {
            // Post-release correction: the goods are already released, so the status stays; duty is
            // re-assessed and the risk decision re-computed for the record (post-clearance audit uses it).
            store.changeStatus(id, DeclarationStatus.RELEASED, "amended after release to version " + version, actor, now);
            for (AcceptanceStep step : steps) step.onAccepted(store.find(id).orElseThrow(), this);
        } else {
            accept(id, merged, actor, "amended to version " + version);
        }
        return store.find(id).orElseThrow();
    }

    private Optional<String> resolveReference(Declaration d) {
        if (d.referencedId() != null) {
            if (store.find(d.referencedId()).isPresent()) return Optional.of(d.referencedId());
            Optional<String> byLrn = store.findIdByLrn(d.declarantId(), d.referencedId());
            if (byLrn.isPresent()) return byLrn;
        }
        return d.lrn() == null || d.declarantId() == null ? Optional.empty() : store.findIdByLrn(d.declarantId(), d.lrn());
    }

    @Transactional
    public StoredDeclaration cancel(String id, String reason, String actor) {
        StoredDeclaration current = store.find(id).orElseThrow(() -> new DeclarationNotFoundException(id));
        if (!current.status().canMoveTo(DeclarationStatus.CANCELLED)) {
            throw new DeclarationStateException("Declaration " + id + " is " + current.status() + " and cannot be cancelled");
        }
        Instant now = clock.instant();
        store.changeStatus(id, DeclarationStatus.CANCELLED, reason == null ? "cancelled" : reason, actor, now);
        store.notify(current.declarantId(), id, current.declaration().lrn(), "DMSINV",
                "Declaration " + id + " cancelled" + (reason == null ? "" : ": " + reason), now);
        return store.find(id).orElseThrow();
    }

    /** Moves a declaration along its lifecycle (release, control, clearance), notifying the declarant. */
    @Transactional
    public StoredDeclaration transition(String id, DeclarationStatus next, String reason, String actor) {
        return transition(store.find(id).orElseThrow(() -> new DeclarationNotFoundException(id)), next, reason, actor);
    }

    /** The same, for a caller that already holds the declaration's current state (saves a read). */
    @Transactional
    public StoredDeclaration transition(StoredDeclaration current, DeclarationStatus next, String reason, String actor) {
        String id = current.id();
        if (!current.status().canMoveTo(next)) {
            throw new DeclarationStateException("Declaration " + id + " cannot move from " + current.status() + " to " + next);
        }
        Instant now = clock.instant();
        store.changeStatus(id, next, reason, actor, now);
        String type = switch (next) {
            case UNDER_CONTROL -> "DMSCTL";
            case RELEASED -> "DMSRCV";
            case CLEARED -> "DMSCLE";
            case REJECTED -> "DMSREJ";
            case CANCELLED -> "DMSINV";
            default -> "DMSACC";
        };
        store.notify(current.declarantId(), id, current.declaration().lrn(), type,
                "Declaration " + id + " is now " + next.name().toLowerCase().replace('_', ' ')
                        + (reason == null || reason.isBlank() ? "" : ": " + reason), now);
        List<StoredDeclaration.StatusChange> history = new java.util.ArrayList<>(current.history());
        history.add(new StoredDeclaration.StatusChange(next, now, reason, actor));
        return new StoredDeclaration(current.id(), current.declaration(), next, current.version(), current.submittedAt(), now,
                history, current.assessment(), current.riskDecision(), current.riskScore(), current.riskChannel(),
                current.modelVersion());
    }

    /** Records a rejection notification for input that never became a declaration (so the declarant's feed shows it). */
    public void notifyRejected(String declarantId, String lrn, List<Violation> violations) {
        if (declarantId == null || lrn == null) return;
        String reasons = violations.stream().map(v -> v.path() + " " + v.code()).collect(Collectors.joining("; "));
        store.notify(declarantId, "-", lrn.length() > 35 ? lrn.substring(0, 35) : lrn, "DMSREJ",
                "Declaration " + lrn + " rejected: " + reasons, clock.instant());
    }

    public DeclarationStore store() { return store; }

    public Clock clock() { return clock; }

    private String newMrn() {
        StringBuilder sb = new StringBuilder(18);
        sb.append(String.format("%02d", clock.instant().atZone(ZoneOffset.UTC).getYear() % 100)).append("SC");
        for (int i = 0; i < 14; i++) sb.append(MRN_CHARS[random.nextInt(MRN_CHARS.length)]);
        return sb.toString();
    }
}
