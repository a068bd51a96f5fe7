package org.smartcustoms.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnPostgres;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit sequencer on PostgreSQL reads the journal by its index: the journal is a queue whose dead rows pile up
 * until VACUUM, and a sequential scan of them on every run (dozens a second) was the largest cost of a long run of
 * single submissions (docs/intake.md, "Session 13").
 */
@ApiTest
@OnPostgres
class AuditSequencerPostgresTest extends ApiTestSupport {
    @Autowired
    JdbcAuditTrail trail;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void theSequencerReadsTheJournalByItsIndexHoweverSmallItLooks() {
        // dead rows and no statistics (as between two VACUUMs of a busy journal): what the planner estimates from
        // the journal's pages makes any other connection scan and sort it
        // (rolled back: never visible, so never chained)
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(st -> {
            jdbc.update("INSERT INTO audit_journal (at, actor, action) SELECT now(), 'sequencer-test', 'KB_ENTRY_CHANGED' FROM generate_series(1, 2000)");
            st.setRollbackOnly();
        });
        assertThat(String.join("\n", jdbc.queryForList("EXPLAIN SELECT id, at FROM audit_journal ORDER BY id LIMIT 5000", String.class)))
                .as("another connection scans the whole journal").contains("Seq Scan");
        assertThat(trail.journalReadPlan()).contains("Index Scan using audit_journal_pkey").doesNotContain("Seq Scan");
    }
}
