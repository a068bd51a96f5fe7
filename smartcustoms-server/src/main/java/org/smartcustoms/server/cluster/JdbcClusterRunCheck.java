package org.smartcustoms.server.cluster;

import org.smartcustoms.server.audit.AuditAction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The end-of-run checks of {@code bench cluster} (docs/cluster.md, Benchmark): for the declarations whose LRN starts
 * with a run's prefix, how many rows are stored (and under how many distinct ids and LRNs), and the least and most
 * {@link AuditAction#CHANNEL_DECISION} and {@link AuditAction#DECLARATION_SUBMITTED} audit entries any one of them has
 * (exactly once means min = max = 1).
 */
@Repository
public class JdbcClusterRunCheck {
    private final JdbcTemplate jdbc;

    public JdbcClusterRunCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts of one run; the audit minima and maxima are 0 when the run stored nothing. */
    public record RunCounts(long stored, long distinctIds, long distinctLrns,
                            long channelDecisionMin, long channelDecisionMax,
                            long submittedMin, long submittedMax) {
        public boolean exactlyOnce(long expected) {
            return stored == expected && distinctIds == expected && distinctLrns == expected
                    && channelDecisionMin == 1 && channelDecisionMax == 1 && submittedMin == 1 && submittedMax == 1;
        }
    }

    public RunCounts count(String lrnPrefix) {
        String pattern = lrnPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.queryForObject("""
                WITH d AS (SELECT id, lrn FROM declaration WHERE lrn LIKE ? ESCAPE '\\'),
                     a AS (SELECT e.subject_id,
                                  SUM(CASE WHEN e.action = ? THEN 1 ELSE 0 END) AS channel,
                                  SUM(CASE WHEN e.action = ? THEN 1 ELSE 0 END) AS submitted
                           FROM audit_event e JOIN d ON d.id = e.subject_id
                           WHERE e.action IN (?, ?) GROUP BY e.subject_id)
                SELECT (SELECT COUNT(*) FROM d), (SELECT COUNT(DISTINCT id) FROM d), (SELECT COUNT(DISTINCT lrn) FROM d),
                       COALESCE(MIN(COALESCE(a.channel, 0)), 0), COALESCE(MAX(COALESCE(a.channel, 0)), 0),
                       COALESCE(MIN(COALESCE(a.submitted, 0)), 0), COALESCE(MAX(COALESCE(a.submitted, 0)), 0)
                FROM d LEFT JOIN a ON a.subject_id = d.id
                """, (rs, n) -> new RunCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)),
                pattern, AuditAction.CHANNEL_DECISION.name(), AuditAction.DECLARATION_SUBMITTED.name(),
                AuditAction.CHANNEL_DECISION.name(), AuditAction.DECLARATION_SUBMITTED.name());
    }
}
