package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.statistics.StatisticsService;
import org.smartcustoms.statistics.Dimension;
import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.TableSpec;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code statistics audit}: a freshly published table passes (exit 0, JSON summary last), and the same table after
 * the data changed under it is reported (exit 3) instead of passing silently.
 */
@ApiTest
@OnH2
class StatisticsAuditCommandTest extends ApiTestSupport {
    @Autowired
    StatisticsService statistics;

    private static String run(StatisticsService s, List<String> ids, int[] exit) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit[0] = StatisticsCommand.Audit.run(s, ids);
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void auditPassesAPublishedTableAndReportsItOnceTheDataChangedUnderIt() throws Exception {
        WorkspaceFixtures f = new WorkspaceFixtures(intake, jdbc);
        String run = UUID.randomUUID().toString().substring(0, 6);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        // an office of its own so that the table holds only this test's declarations
        String office = "JPAU" + run;
        for (int i = 0; i < 6; i++) f.declare("JPAUD" + run + i, office, day, i < 5 ? "090111" : "090112", i < 5 ? "BR" : "YE", "1500", "60");
        YearMonth m = YearMonth.from(day);
        var t = statistics.define("audit " + run, new TableSpec(Flow.IMPORT, m, m, List.of(Dimension.OFFICE, Dimension.PARTNER)), "test");
        statistics.publish(t.id(), "test");

        int[] exit = {-1};
        String out = run(statistics, List.of(t.id()), exit);
        assertThat(exit[0]).as(out).isZero();
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("{").contains("\"findings\":0");

        // a late declaration changes the published figures: the audit says so
        f.declare("JPAUD" + run + "late", office, day, "090111", "BR", "2500", "60");
        out = run(statistics, List.of(t.id()), exit);
        assertThat(exit[0]).as(out).isEqualTo(StatisticsCommand.Audit.FOUND);
        assertThat(out).contains("stale");
    }
}
