package org.smartcustoms.server.ops;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** One grouped count over the status index (ix_declaration_status) per read. */
@Repository
class JdbcQueueDepthStore implements QueueDepthStore {
    private final JdbcTemplate jdbc;

    JdbcQueueDepthStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public QueueDepths read() {
        Map<String, Long> underControl = new HashMap<>();
        long[] unrouted = {0};
        jdbc.query("""
                SELECT status, risk_channel, COUNT(*) FROM declaration
                WHERE status IN ('SUBMITTED', 'ACCEPTED', 'RISK_ASSESSED', 'UNDER_CONTROL')
                GROUP BY status, risk_channel""", rs -> {
            String status = rs.getString(1);
            long n = rs.getLong(3);
            if ("UNDER_CONTROL".equals(status)) {
                String channel = rs.getString(2);
                underControl.merge(channel == null ? "NONE" : channel, n, Long::sum);
            } else {
                unrouted[0] += n;
            }
        });
        return new QueueDepths(underControl, unrouted[0]);
    }
}
