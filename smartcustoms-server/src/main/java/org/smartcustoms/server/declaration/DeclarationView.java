package org.smartcustoms.server.declaration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.server.security.UserAccount;
import org.smartcustoms.tariff.TariffAssessment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * API view of a stored declaration: content, status, history, tariff assessment and, for customs users only,
 * the risk decision.
 *
 * <p>A trader gets the trader form ({@link #forViewer}): status, channel, its own content and duty assessment,
 * a status history whose texts are derived from the status alone and a "what to do next" sentence. Never the
 * score, the model version, the risk decision, the internal reasons recorded with a status change (rule names,
 * watch-list hits, inspection findings, override reasons) nor the officers' usernames: revealing them would teach
 * how to evade controls and expose intelligence. The risk fields are left out of the JSON when null, whatever
 * the global Jackson inclusion setting.
 */
public record DeclarationView(String id, String lrn, String declarantId, DeclarationStatus status, int version,
                              Instant submittedAt, Instant updatedAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer riskScore, String channel,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String modelVersion, Declaration declaration,
                              List<StoredDeclaration.StatusChange> history,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String nextStep, boolean correctionAllowed,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String correctionAuthorisedBy,
                              TariffAssessment assessment,
                              @JsonInclude(JsonInclude.Include.NON_NULL) RiskDecision risk) {

    /** Actor shown to a trader for every step customs took (never an officer's username). */
    public static final String CUSTOMS = "customs";
    /** Actor shown to a trader for the lodging of the declaration. */
    public static final String DECLARANT = "declarant";

    /**
     * The one way to build the view for an API answer: the full customs form for customs users, the trader form
     * for traders. {@code viewer} is the authenticated user the answer goes to.
     */
    public static DeclarationView forViewer(StoredDeclaration s, UserAccount viewer) {
        return viewer != null && viewer.isCustoms() ? customs(s) : trader(s, viewer == null ? null : viewer.username());
    }

    /** Same as {@link #forViewer(StoredDeclaration, UserAccount)} when only the kind of viewer is known. */
    public static DeclarationView forViewer(StoredDeclaration s, boolean customsUser) {
        return customsUser ? customs(s) : trader(s, null);
    }

    /** Whether {@code viewer} may see the declaration: customs users all, a trader those it declared or imports. */
    public static boolean mayView(StoredDeclaration s, UserAccount viewer) {
        return !viewer.isTrader() || viewer.partyId().equals(s.declarantId()) || viewer.partyId().equals(s.importerId());
    }

    private static DeclarationView customs(StoredDeclaration s) {
        return new DeclarationView(s.id(), s.declaration().lrn(), s.declarantId(), s.status(), s.version(),
                s.submittedAt(), s.updatedAt(), s.riskScore(), s.riskChannel(), s.modelVersion(), s.declaration(),
                s.history(), null, s.correctionAuthorisedBy() != null, s.correctionAuthorisedBy(), s.assessment(), s.risk());
    }

    private static DeclarationView trader(StoredDeclaration s, String viewerName) {
        return new DeclarationView(s.id(), s.declaration().lrn(), s.declarantId(), s.status(), s.version(),
                s.submittedAt(), s.updatedAt(), null, s.riskChannel(), null, s.declaration(),
                traderHistory(s.history(), s.channel(), viewerName), nextStep(s.status(), s.channel(),
                s.declaration().officeId(), s.correctionAuthorisedBy() != null), s.correctionAuthorisedBy() != null, null,
                s.assessment(), null);
    }

    /**
     * The status history as a trader sees it: each entry's text comes from its status (and the previous one, to
     * tell an amendment from a first acceptance) and the control channel; the recorded reason is never used.
     */
    static List<StoredDeclaration.StatusChange> traderHistory(List<StoredDeclaration.StatusChange> history, Channel channel,
                                                              String viewerName) {
        List<StoredDeclaration.StatusChange> out = new ArrayList<>(history.size());
        DeclarationStatus previous = null;
        boolean accepted = false;
        for (StoredDeclaration.StatusChange c : history) {
            DeclarationStatus st = c.status();
            String text = switch (st) {
                case SUBMITTED -> "Declaration received";
                case ACCEPTED -> accepted ? "Amendment accepted" : "Declaration accepted";
                case RISK_ASSESSED -> "Risk assessment done";
                case UNDER_CONTROL -> c.reason() != null && c.reason().startsWith(DeclarationIntake.HELD_FOR_ASSESSMENT)
                        ? "Held: customs is completing the assessment of duty and taxes"
                        : previous != DeclarationStatus.UNDER_CONTROL ? "Selected for control" + controlKind(channel)
                        : c.reason() != null && c.reason().startsWith(DeclarationIntake.CORRECTED)
                        ? "Amendment accepted; the declaration stays under control"
                        : viewerName != null && viewerName.equals(c.actor())
                        ? "Your amendment or cancellation was refused: the declaration is under control"
                        : "Control continues";
                case RELEASED -> previous == DeclarationStatus.RELEASED ? "Amendment recorded after release" : "Goods released";
                case CLEARED -> "Declaration cleared";
                case REJECTED -> "Declaration rejected";
                case CANCELLED -> "Declaration cancelled";
            };
            // customs accepts, assesses, controls and releases, whoever triggered it; only the lodging and a
            // cancellation may be the trader's own act
            boolean own = viewerName != null && viewerName.equals(c.actor());
            String actor = st == DeclarationStatus.SUBMITTED ? DECLARANT
                    : own && (st == DeclarationStatus.CANCELLED || st == DeclarationStatus.UNDER_CONTROL) ? viewerName
                    : CUSTOMS;
            out.add(new StoredDeclaration.StatusChange(st, c.at(), text, actor));
            if (st == DeclarationStatus.ACCEPTED) accepted = true;
            previous = st;
        }
        return List.copyOf(out);
    }

    private static String controlKind(Channel channel) {
        if (channel == Channel.RED) return ": physical inspection";
        if (channel == Channel.YELLOW) return ": documentary check";
        return "";
    }

    /** What the trader has to do now, from the status and channel only. */
    static String nextStep(DeclarationStatus status, Channel channel, String office, boolean correctionAllowed) {
        String at = office == null || office.isBlank() ? "the customs office" : "customs office " + office;
        if (status == DeclarationStatus.UNDER_CONTROL && correctionAllowed) {
            return "Customs allows you one amendment of this declaration: send it as an amendment (function code 13)"
                    + " referencing this declaration. It stays under control.";
        }
        return switch (status) {
            case SUBMITTED, ACCEPTED -> "Nothing to do for now: customs is processing the declaration. Follow the notifications.";
            case RISK_ASSESSED -> "Nothing to do for now: customs is deciding on controls. Follow the notifications.";
            case UNDER_CONTROL -> channel == Channel.RED
                    ? "Present the goods and the documents at " + at + " for a physical inspection."
                    : channel == Channel.YELLOW
                    ? "Send or present the supporting documents (invoice, certificates, transport documents) at " + at + "."
                    : "Nothing to do for now: " + at + " is completing the assessment of duty and taxes before release."
                    + " You will be notified; keep the goods and documents available.";
            case RELEASED -> "The goods may be removed. Pay the duty and taxes due if you have not done so yet.";
            case CLEARED -> "Nothing more to do: the declaration is cleared.";
            case REJECTED -> "Contact " + at + " or lodge a corrected declaration.";
            case CANCELLED -> "Nothing more to do. Lodge a new declaration if the goods are still to be cleared.";
        };
    }

    /** Short form for lists. {@code riskScore} is null (and left out of the JSON) for traders. */
    public record Summary(String id, String lrn, String declarantId, String importerId, String type, String office,
                          DeclarationStatus status, int version, int items,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer riskScore, String channel,
                          Instant submittedAt) {
        static Summary of(StoredDeclaration s) {
            return new Summary(s.id(), s.declaration().lrn(), s.declarantId(), s.importerId(),
                    s.declaration().type().combined(), s.declaration().officeId(), s.status(), s.version(),
                    s.declaration().items().size(), s.riskScore(), s.riskChannel(), s.submittedAt());
        }

        /** The list row for the viewer: without the score for traders. */
        public static Summary forViewer(StoredDeclaration s, boolean customsUser) {
            Summary full = of(s);
            return customsUser ? full : full.withoutScore();
        }

        Summary withoutScore() {
            return new Summary(id, lrn, declarantId, importerId, type, office, status, version, items, null, channel, submittedAt);
        }
    }

    /**
     * Answer to a submission: reference, status and channel. No score: a receipt goes to the submitter, and
     * submitters are traders.
     */
    public record Receipt(String id, String lrn, DeclarationStatus status, int version, String channel, boolean created) {
        static Receipt of(IntakeResult r) {
            StoredDeclaration s = r.declaration();
            return new Receipt(s.id(), s.declaration().lrn(), s.status(), s.version(), s.riskChannel(), r.created());
        }
    }
}
