package org.smartcustoms.server.consignment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import org.smartcustoms.consignment.ConsignmentAssessment;
import org.smartcustoms.consignment.ConsignmentDecision;
import org.smartcustoms.consignment.LowValueConsignment;

/** An accepted consignment of a manifest with its assessment, decision and the submitter's notification. */
public record DecidedConsignment(String manifestId, String submitterParty, int row, LowValueConsignment consignment,
                                 LocalDate arrivalDate, ConsignmentAssessment assessment, ConsignmentDecision decision,
                                 String notice, Instant decidedAt) {
    public DecidedConsignment {
        Objects.requireNonNull(manifestId, "manifestId");
        Objects.requireNonNull(submitterParty, "submitterParty");
        Objects.requireNonNull(consignment, "consignment");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(assessment, "assessment");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
