package org.smartcustoms.enforcement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One version of an intelligence report (need to know: the intelligence unit only): its source, graded with the
 * 6x6 system (source reliability A-F, information 1-6), the persons, companies, seizures... it is about, follow-up
 * actions and status.
 */
public record SuspicionReport(String id, int version, String source, Reliability reliability, int informationGrade,
                              String summary, List<EntityRef> subjects, String followUp, Status status,
                              LocalDate reviewDate, String recordedBy, Instant recordedAt) {
    /** Source reliability: A completely reliable ... E unreliable, F cannot be judged. */
    public enum Reliability {
        A, B, C, D, E, F;

        public static Reliability parse(String s) { return Codes.parse(Reliability.class, "reliability", s); }
    }

    public enum Status {
        OPEN, UNDER_INVESTIGATION, CONFIRMED, DISMISSED, CLOSED;

        public static Status parse(String s) { return Codes.parse(Status.class, "status", s); }
    }

    public SuspicionReport {
        if (id == null || !id.matches("R-\\d{6,}")) throw new IllegalArgumentException("suspicion id must look like R-000001");
        if (version < 1) throw new IllegalArgumentException("version must be >= 1");
        source = Codes.text("source", source, 200, true);
        Objects.requireNonNull(reliability, "reliability");
        if (informationGrade < 1 || informationGrade > 6) throw new IllegalArgumentException("informationGrade must be 1..6");
        summary = Codes.text("summary", summary, 4000, true);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        followUp = Codes.text("followUp", followUp, 2000, false);
        Objects.requireNonNull(status, "status");
        recordedBy = Codes.text("recordedBy", recordedBy, 100, true);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
