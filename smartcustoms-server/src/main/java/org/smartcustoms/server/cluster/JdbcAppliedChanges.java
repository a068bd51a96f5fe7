package org.smartcustoms.server.cluster;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.declaration.Violation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The amendments and cancellations a worker applied from the intake log ({@code cluster_applied_change}), by the
 * submission id the API node answered with: written in the transaction that applies the change, read when a record
 * comes again after a crash.
 */
@Repository
@ConditionalOnExpression(ClusterConfig.ENABLED)
class JdbcAppliedChanges {
    /** What was done with one queued change: its declaration and version when applied, else the reasons. */
    record Applied(String submissionId, String declarantId, String lrn, String declarationId, Integer version,
                   ClusterDecision.Outcome outcome, List<Violation> reasons) {
        Applied {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() { };
    private final JdbcTemplate jdbc;
    private final ClusterCodec codec;

    JdbcAppliedChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.codec = new ClusterCodec(); // the reasons as JSON, as on the decisions topic (the codec is stateless)
    }

    Optional<Applied> find(String submissionId) {
        return jdbc.query("SELECT submission_id, declarant_id, lrn, declaration_id, version, outcome, reasons"
                + " FROM cluster_applied_change WHERE submission_id = ?", (rs, n) -> new Applied(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), (Integer) rs.getObject(5),
                ClusterDecision.Outcome.valueOf(rs.getString(6)),
                rs.getString(7) == null ? List.of() : codec.read(rs.getString(7).getBytes(java.nio.charset.StandardCharsets.UTF_8), VIOLATIONS)),
                submissionId).stream().findFirst();
    }

    /** Records a change; a second row for the same submission fails on the primary key (DuplicateKeyException). */
    void insert(Applied a, Instant at) {
        String reasons = a.reasons().isEmpty() ? null : new String(codec.write(a.reasons()), java.nio.charset.StandardCharsets.UTF_8);
        if (reasons != null && reasons.length() > 4000) reasons = new String(codec.write(a.reasons().subList(0, 1)), java.nio.charset.StandardCharsets.UTF_8);
        jdbc.update("INSERT INTO cluster_applied_change (submission_id, declarant_id, lrn, declaration_id, version, outcome,"
                + " reasons, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", a.submissionId(), a.declarantId(), a.lrn(),
                a.declarationId(), a.version(), a.outcome().name(), reasons, Timestamp.from(at));
    }
}
