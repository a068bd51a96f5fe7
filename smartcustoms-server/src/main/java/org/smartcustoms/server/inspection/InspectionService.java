package org.smartcustoms.server.inspection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationNotFoundException;
import org.smartcustoms.server.declaration.DeclarationStateException;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.payment.PaymentOrder;
import org.smartcustoms.server.payment.PaymentOrders;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * The officer's decisions on a declaration under control: recording what an inspection found (and releasing
 * or keeping the goods) and overriding the risk channel. Each is one transaction together with its status
 * change and its audit entry, so the audit trail never claims a decision that was not stored, nor misses one.
 */
@Service
public class InspectionService {
    /** Statuses in which goods are still in customs' hands and a control result makes sense. */
    static final Set<DeclarationStatus> CONTROLLABLE = EnumSet.of(DeclarationStatus.ACCEPTED,
            DeclarationStatus.RISK_ASSESSED, DeclarationStatus.UNDER_CONTROL);

    private final InspectionStore results;
    private final DeclarationIntake intake;
    private final DeclarationStore store;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PaymentOrders payments;

    public InspectionService(InspectionStore results, DeclarationIntake intake, AuditTrail audit,
                             ApplicationEventPublisher events, Clock clock, PaymentOrders payments) {
        this.results = results;
        this.intake = intake;
        this.store = intake.store();
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.payments = payments;
    }

    /**
     * Stores an inspection result and applies the officer's decision: RELEASE releases the goods,
     * KEEP_UNDER_CONTROL puts (or keeps) the declaration under control.
     *
     * @throws IllegalArgumentException  invalid request (400)
     * @throws DeclarationStateException the declaration is not awaiting control (409)
     */
    @Transactional
    public InspectionResult record(String declarationId, InspectionRequest req, String officer) {
        if (req == null) throw new IllegalArgumentException("a request body is required");
        InspectionOutcome outcome = InspectionOutcome.parse(req.outcome());
        InspectionDecision decision = InspectionDecision.parse(req.decision());
        InspectionRequest.Amount duty = validDuty(req.additionalDuty());
        InspectionRequest.Seizure seizure = validSeizure(req.seizure());
        String notes = req.notes() == null || req.notes().isBlank() ? null : req.notes().strip();
        if (notes != null && notes.length() > 4000) throw new IllegalArgumentException("notes must be at most 4000 characters");

        StoredDeclaration d = intake.lock(declarationId);
        if (!CONTROLLABLE.contains(d.status())) {
            throw new DeclarationStateException("Declaration " + declarationId + " is " + d.status()
                    + "; inspection results can be recorded only while it is accepted or under control");
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        long id = results.insertResult(declarationId, officer, outcome, duty, seizure, notes, decision, now);

        String reason = "inspection result " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        StoredDeclaration after = d;
        if (decision == InspectionDecision.RELEASE) {
            after = intake.transition(d, DeclarationStatus.RELEASED, "released after " + reason, officer);
        } else if (d.status() != DeclarationStatus.UNDER_CONTROL) {
            after = intake.transition(d, DeclarationStatus.UNDER_CONTROL, "kept under control after " + reason, officer);
        }
        PaymentOrder order = duty != null && duty.amount().signum() > 0
                ? payments.additionalDuty(after, new Money(duty.amount(), duty.currency())) : null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resultId", id);
        if (order != null) details.put("paymentOrder", order.reference());
        details.put("outcome", outcome.name());
        details.put("decision", decision.name());
        if (duty != null) details.put("additionalDuty", Map.of("amount", duty.amount(), "currency", duty.currency()));
        if (seizure != null) details.put("seizure", Map.of("goods", seizure.goods(), "quantity", seizure.quantity(),
                "unit", seizure.unit() == null ? "" : seizure.unit()));
        details.put("statusBefore", d.status().name());
        details.put("statusAfter", after.status().name());
        audit.record(officer, AuditAction.RESULT_RECORDED, AuditSubject.DECLARATION, declarationId, notes, AuditDetails.json(details));

        InspectionResult result = new InspectionResult(id, declarationId, officer, outcome, duty, seizure, notes, decision,
                now, after.status().name());
        events.publishEvent(new InspectionRecorded(declarationId, result, InspectionLabels.combine(
                results(declarationId).stream().map(InspectionResult::outcome).toList(), hasSeizure(declarationId))));
        return result;
    }

    /** Results recorded for a declaration, oldest first. */
    @Transactional(readOnly = true)
    public List<InspectionResult> results(String declarationId) {
        StoredDeclaration d = store.find(declarationId).orElseThrow(() -> new DeclarationNotFoundException(declarationId));
        return results.results(declarationId).stream().map(r -> r.withStatus(d.status().name())).toList();
    }

    private boolean hasSeizure(String declarationId) {
        return results.hasSeizure(declarationId);
    }

    /** An officer allows the declarant one correction of a declaration under control (see {@link DeclarationIntake#authoriseCorrection}). */
    @Transactional
    public StoredDeclaration authoriseCorrection(String declarationId, String reason, String officer) {
        return intake.authoriseCorrection(declarationId, reason, org.smartcustoms.server.declaration.Actor.officer(officer));
    }

    /** An officer reclassifies an item (see {@link DeclarationIntake#reclassify}). */
    @Transactional
    public StoredDeclaration reclassify(String declarationId, InspectionController.ReclassificationRequest req, String officer) {
        if (req.sequence() == null) throw new IllegalArgumentException("sequence (the item number) is required");
        InspectionRequest.Amount value = req.customsValue() == null ? null : validAmount("customsValue", req.customsValue());
        if (value != null && value.amount().signum() == 0) throw new IllegalArgumentException("customsValue.amount must be greater than zero");
        return intake.reclassify(declarationId, req.sequence(), req.commodityCode(),
                value == null ? null : new org.smartcustoms.declaration.Money(value.amount(), value.currency()), req.reason(),
                org.smartcustoms.server.declaration.Actor.officer(officer));
    }

    /** Answer to an override: the channel before and after and where the declaration now stands. */
    public record OverrideResult(String declarationId, String previousChannel, String channel, String status,
                                 String reason, String officer, Instant at) { }

    /**
     * The officer overrides the risk channel, with a mandatory reason. GREEN releases the goods; YELLOW and RED
     * put the declaration under control. Score, decision and model version stay as the engine left them.
     */
    @Transactional
    public OverrideResult override(String declarationId, String channelName, String reason, String officer) {
        if (channelName == null || channelName.isBlank()) throw new IllegalArgumentException("channel is required (GREEN, YELLOW or RED)");
        Channel channel;
        try {
            channel = Channel.valueOf(channelName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown channel '" + channelName + "' (GREEN, YELLOW or RED)");
        }
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is mandatory for an override");
        String why = reason.strip();
        if (why.length() > 2000) throw new IllegalArgumentException("reason must be at most 2000 characters");
        StoredDeclaration d = intake.lock(declarationId);
        if (!CONTROLLABLE.contains(d.status())) {
            throw new DeclarationStateException("Declaration " + declarationId + " is " + d.status()
                    + "; its channel can be overridden only while it is accepted or under control");
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        store.saveChannel(declarationId, channel);
        results.insertOverride(declarationId, officer, d.riskChannel(), channel.name(), why, now);
        StoredDeclaration after = d;
        String text = "officer override to " + channel + ": " + why;
        if (channel == Channel.GREEN) {
            after = intake.transition(d, DeclarationStatus.RELEASED, text, officer);
        } else if (d.status() != DeclarationStatus.UNDER_CONTROL) {
            after = intake.transition(d.withChannel(channel), DeclarationStatus.UNDER_CONTROL, text, officer);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", d.riskChannel());
        details.put("to", channel.name());
        details.put("score", d.riskScore());
        details.put("statusBefore", d.status().name());
        details.put("statusAfter", after.status().name());
        audit.record(officer, AuditAction.OFFICER_OVERRIDE, AuditSubject.DECLARATION, declarationId, why, AuditDetails.json(details));
        return new OverrideResult(declarationId, d.riskChannel(), channel.name(), after.status().name(), why, officer, now);
    }

    private static InspectionRequest.Amount validDuty(InspectionRequest.Amount a) {
        return validAmount("additionalDuty", a);
    }

    private static InspectionRequest.Amount validAmount(String field, InspectionRequest.Amount a) {
        if (a == null || (a.amount() == null && a.currency() == null)) return null;
        if (a.amount() == null) throw new IllegalArgumentException(field + ".amount is required when " + field + " is given");
        if (a.amount().signum() < 0) throw new IllegalArgumentException(field + ".amount must not be negative: " + a.amount().toPlainString());
        if (a.amount().compareTo(new BigDecimal("1e17")) >= 0) throw new IllegalArgumentException(field + ".amount is too large");
        String cur = a.currency() == null ? "" : a.currency().trim().toUpperCase(Locale.ROOT);
        if (!cur.matches("[A-Z]{3}")) throw new IllegalArgumentException(field + ".currency must be an ISO 4217 code such as JPY");
        return new InspectionRequest.Amount(a.amount().setScale(2, RoundingMode.HALF_UP), cur);
    }

    private static InspectionRequest.Seizure validSeizure(InspectionRequest.Seizure s) {
        if (s == null) return null;
        if (s.goods() == null || s.goods().isBlank()) throw new IllegalArgumentException("seizure.goods is required when goods are seized");
        if (s.quantity() == null || s.quantity().signum() <= 0) throw new IllegalArgumentException("seizure.quantity must be greater than 0");
        if (s.quantity().compareTo(new BigDecimal("1e16")) >= 0) throw new IllegalArgumentException("seizure.quantity is too large");
        check("seizure.goods", s.goods(), 500);
        check("seizure.unit", s.unit(), 16);
        check("seizure.concealment", s.concealment(), 1000);
        check("seizure.location", s.location(), 200);
        return new InspectionRequest.Seizure(s.goods().strip(), s.quantity().scale() > 3 ? s.quantity().setScale(3, RoundingMode.HALF_UP) : s.quantity(),
                blankToNull(s.unit()), blankToNull(s.concealment()), blankToNull(s.location()));
    }

    private static void check(String field, String value, int max) {
        if (value != null && value.length() > max) throw new IllegalArgumentException(field + " must be at most " + max + " characters");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
