package org.smartcustoms.server.declaration;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.server.JdbcDatabaseKind;
import org.smartcustoms.server.audit.JdbcAuditTrail;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The physical limit the intake benchmark compares itself with: the same declarations, one row each (key columns and
 * the JSON document), written into a bare table (no key, no index, no constraint) with PostgreSQL's COPY, or on
 * other databases one JDBC batch insert, committed every batch. Used only by {@code bench intake}; the table is
 * created for the run and dropped after it.
 */
@Repository
public class JdbcCopyBaselineStore {
    static final String TABLE = "bench_copy_baseline";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final DeclarationJson json = new DeclarationJson(64L * 1024 * 1024);

    private final JdbcDatabaseKind kind;

    JdbcCopyBaselineStore(JdbcTemplate jdbc, PlatformTransactionManager tx, JdbcDatabaseKind kind) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(tx);
    }

    public void create() {
        jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
        jdbc.execute("CREATE TABLE " + TABLE + " (id VARCHAR(32), lrn VARCHAR(35), declarant_id VARCHAR(64), "
                + "total_value DECIMAL(20,2), total_currency VARCHAR(3), payload TEXT, submitted_at TIMESTAMP)");
    }

    public void drop() {
        jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
    }

    /** Drops a schema the benchmark created for its run (a name it made up itself: letters, digits, underscore). */
    public void dropSchema(String schema) {
        if (!schema.matches("bench_intake_[a-z0-9]+")) throw new IllegalArgumentException("not a benchmark schema: " + schema);
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Writes the declarations (serialised as the intake stores them) in one transaction; returns the rows written. */
    public long copy(List<Declaration> declarations, String idPrefix, Instant at) {
        boolean pg = kind.isPostgres();
        Timestamp ts = Timestamp.from(at);
        List<Object[]> rows = new ArrayList<>(declarations.size());
        int i = 0;
        for (Declaration d : declarations) {
            Money total = d.totalItemValue();
            rows.add(new Object[] {idPrefix + (i++), d.lrn(), d.declarantId(), total == null ? null : total.amount(),
                    total == null ? null : total.currency(), json.writeString(d), ts});
        }
        Long n = tx.execute(st -> {
            if (pg) {
                JdbcAuditTrail.CopyIn in = new JdbcAuditTrail.CopyIn();
                for (Object[] r : rows) in.row(r);
                return jdbc.execute((ConnectionCallback<Long>) c -> in.into(c, "COPY " + TABLE
                        + " (id, lrn, declarant_id, total_value, total_currency, payload, submitted_at) FROM STDIN"));
            }
            jdbc.batchUpdate("INSERT INTO " + TABLE + " (id, lrn, declarant_id, total_value, total_currency, payload, submitted_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", rows, new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DECIMAL,
                    Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP});
            return (long) rows.size();
        });
        return n == null ? 0 : n;
    }
}
