package org.smartcustoms.consignment;

import java.util.List;
import java.util.Objects;

/**
 * The risk decision for one consignment: status, score (0-100) and the reasons, which are for customs only; the
 * submitter's notification ({@link #notice(ConsignmentAssessment)}) says the status and what happens next.
 */
public record ConsignmentDecision(ConsignmentStatus status, int score, List<String> reasons) {
    public ConsignmentDecision {
        Objects.requireNonNull(status, "status");
        if (score < 0 || score > 100) throw new IllegalArgumentException("score must be 0..100");
        reasons = List.copyOf(reasons);
    }

    /** The release notification the submitter reads: status, duty and taxes, next step; never the risk reasons. */
    public String notice(ConsignmentAssessment a) {
        if (status == ConsignmentStatus.HELD) {
            return "Held for customs control. Do not deliver the consignment; customs will notify the outcome.";
        }
        StringBuilder sb = new StringBuilder("Released. ");
        String cur = a.total().currency();
        if (a.dutyRelieved()) {
            sb.append("Duty not collected (de minimis: customs value ").append(a.customsValue().amount().toPlainString())
                    .append(' ').append(cur).append(" at most ").append(a.dutyThreshold().amount().toPlainString()).append(' ').append(cur).append("). ");
        }
        if (a.total().amount().signum() == 0) {
            sb.append("No duty or tax due.");
        } else {
            sb.append("Due: duty ").append(a.duty().amount().toPlainString()).append(", excise ").append(a.excise().amount().toPlainString())
                    .append(", consumption tax ").append(a.vat().amount().toPlainString()).append(", total ")
                    .append(a.total().amount().toPlainString()).append(' ').append(cur).append('.');
        }
        return sb.toString();
    }
}
