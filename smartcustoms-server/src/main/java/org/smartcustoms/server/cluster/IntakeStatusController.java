package org.smartcustoms.server.cluster;

import java.util.Optional;

import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationNotFoundException;
import org.smartcustoms.server.declaration.DeclarationView;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.server.web.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The status link of a submission queued in cluster mode (the {@code statusUrl} and {@code Location} of its 202). */
@RestController
@RequestMapping("/api/v1/intake")
@ConditionalOnExpression(ClusterConfig.ENABLED)
@Tag(name = "Declarations", description = "Submit WCO DM declarations (JSON or DEC-DMS XML) and follow them")
public class IntakeStatusController {
    private final IntakeLog intakeLog;
    private final DecisionFeed decisions;
    private final DeclarationIntake intake;
    private final JdbcAppliedChanges applied;

    IntakeStatusController(IntakeLog intakeLog, DecisionFeed decisions, DeclarationIntake intake, JdbcAppliedChanges applied) {
        this.intakeLog = intakeLog;
        this.applied = applied;
        this.decisions = decisions;
        this.intake = intake;
    }

    @Operation(summary = "Where a submission queued in cluster mode stands (QUEUED, DECIDED, DUPLICATE or REJECTED)",
            description = "A decided submission is the declaration under the same id (/api/v1/declarations/{id}). A "
                    + "trader sees only its own submissions; anything else answers 404.")
    @GetMapping("/{id}")
    IntakeStatus status(@PathVariable String id) {
        UserAccount user = CurrentUser.get();
        Optional<ClusterDecision> decision = decisions.decision(id);
        if (decision.isPresent()) {
            ClusterDecision d = decision.get();
            if (!mayView(user, d.declarantId())) throw new DeclarationNotFoundException(id);
            return switch (d.outcome()) {
                case DECIDED -> stored(id, d.storedId(), IntakeStatus.State.DECIDED, user)
                        .orElseGet(() -> new IntakeStatus(id, IntakeStatus.State.DECIDED, d.lrn(), d.status(), d.channel(),
                                d.storedId(), null, declarationUrl(d.storedId())));
                case DUPLICATE -> new IntakeStatus(id, IntakeStatus.State.DUPLICATE, d.lrn(), d.status(), d.channel(), d.storedId(),
                        null, declarationUrl(d.storedId()));
                case REJECTED -> new IntakeStatus(id, IntakeStatus.State.REJECTED, d.lrn(), null, null, null,
                        Problems.fieldErrors(d.violations()), null);
                // a manifest's status is GET /api/v1/manifests/{id}, not a declaration's
                case MANIFEST -> throw new DeclarationNotFoundException(id);
            };
        }
        Optional<IntakeStatus> stored = stored(id, id, IntakeStatus.State.DECIDED, user);
        if (stored.isPresent()) return stored.get();
        // a queued amendment or cancellation a worker applied (or refused) before this node saw its decision
        Optional<JdbcAppliedChanges.Applied> change = applied.find(id);
        if (change.isPresent()) {
            JdbcAppliedChanges.Applied a = change.get();
            if (!mayView(user, a.declarantId())) throw new DeclarationNotFoundException(id);
            if (a.outcome() == ClusterDecision.Outcome.REJECTED) {
                return new IntakeStatus(id, IntakeStatus.State.REJECTED, a.lrn(), null, null, null, Problems.fieldErrors(a.reasons()), null);
            }
            return stored(id, a.declarationId(), IntakeStatus.State.DECIDED, user).orElseThrow(() -> new DeclarationNotFoundException(id));
        }
        IntakeLog.Queued q = intakeLog.pending(id).filter(p -> mayView(user, p.declarantId()))
                .orElseThrow(() -> new DeclarationNotFoundException(id));
        return new IntakeStatus(id, IntakeStatus.State.QUEUED, q.lrn(), null, null, null, null, null);
    }

    /** The declaration as stored now (a later status than the decision, e.g. released after control), if visible. */
    private Optional<IntakeStatus> stored(String id, String storedId, IntakeStatus.State state, UserAccount user) {
        Optional<StoredDeclaration> s = intake.store().find(storedId);
        if (s.isEmpty()) return Optional.empty();
        if (!DeclarationView.mayView(s.get(), user)) throw new DeclarationNotFoundException(id);
        StoredDeclaration d = s.get();
        return Optional.of(new IntakeStatus(id, state, d.declaration().lrn(), d.status(), d.riskChannel(), d.id(), null,
                declarationUrl(d.id())));
    }

    private static boolean mayView(UserAccount user, String declarantId) {
        return !user.isTrader() || user.partyId().equals(declarantId);
    }

    private static String declarationUrl(String id) {
        return "/api/v1/declarations/" + id;
    }
}
