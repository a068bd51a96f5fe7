package org.smartcustoms.server.payment;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The release of a green declaration that waited for payment or guarantee, once covered. Never part of the
 * transaction that records the payment (the provider's webhook) or the guarantee: that one commits first, whatever
 * becomes of the release; the release runs after the commit in a transaction of its own, under the declaration's row
 * lock, and checks again there whether the declaration still waits (an officer may have changed it meanwhile: then
 * nothing is released). A release that fails is tried {@link #ATTEMPTS} times; then the failure is audited
 * ({@code RELEASE_WAITING}) and the declaration is left to the {@link #sweep}, which releases covered declarations
 * still waiting (every {@code smartcustoms.payment.release-sweep-ms}, default 5 minutes).
 */
@Component
class PaymentRelease {
    static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(PaymentRelease.class);
    private final DeclarationStore declarations;
    private final DeclarationIntake intake;
    private final PaymentReleaseCondition condition;
    private final OrderPaymentStore store;
    private final AuditTrail audit;
    private final TransactionTemplate own;

    PaymentRelease(DeclarationStore declarations, DeclarationIntake intake, PaymentReleaseCondition condition, OrderPaymentStore store,
                   AuditTrail audit, PlatformTransactionManager transactions) {
        this.declarations = declarations;
        this.intake = intake;
        this.condition = condition;
        this.store = store;
        this.audit = audit;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** After the caller's transaction commits (at once without one): release the declaration if it waits and is covered. */
    void afterCommit(String declarationId, String reason) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    release(declarationId, reason);
                }
            });
        } else {
            release(declarationId, reason);
        }
    }

    /** True when released now; false when it does not wait (any more), is not covered, or the release failed (audited). */
    boolean release(String declarationId, String reason) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return Boolean.TRUE.equals(own.execute(s -> releaseIfCovered(declarationId, reason)));
            } catch (RuntimeException e) {
                last = e;
                log.warn("release of declaration {} after payment, attempt {} of {}: {}", declarationId, attempt, ATTEMPTS, e.toString());
            }
        }
        String why = last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
        try {
            own.executeWithoutResult(s -> audit.record(AuditTrail.SYSTEM, AuditAction.RELEASE_WAITING, AuditSubject.DECLARATION, declarationId,
                    "covered (" + reason + ") but the release failed " + ATTEMPTS + " times: " + why + "; left to the release sweep", null));
        } catch (RuntimeException e) {
            log.error("release of declaration {} failed and could not be audited", declarationId, e);
        }
        return false;
    }

    private boolean releaseIfCovered(String declarationId, String reason) {
        if (declarations.find(declarationId).isEmpty()) return false;
        StoredDeclaration d = intake.lock(declarationId); // as it is now, no longer as the payment saw it
        if (d.status() != DeclarationStatus.RISK_ASSESSED || d.channel() != Channel.GREEN) return false;
        if (d.assessment() != null && !d.assessment().complete()) return false;
        if (condition.unmet(d).isPresent()) return false;
        intake.transition(d, DeclarationStatus.RELEASED, "green channel: released, " + reason, AuditTrail.SYSTEM);
        return true;
    }

    /** Green declarations still waiting although paid or guaranteed (a release that failed): released now. */
    @Scheduled(initialDelayString = "${smartcustoms.payment.release-sweep-ms:300000}", fixedDelayString = "${smartcustoms.payment.release-sweep-ms:300000}")
    int sweep() {
        List<String> waiting = store.coveredGreenWaiting(500);
        int released = 0;
        for (String id : waiting) if (release(id, "duty and taxes covered (release sweep)")) released++;
        if (released > 0) log.info("release sweep: {} declaration(s) released", released);
        return released;
    }
}
