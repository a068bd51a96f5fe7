package org.smartcustoms.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.smartcustoms.server.statistics.StatisticsService;
import org.smartcustoms.statistics.PublicationAudit;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "statistics", mixinStandardHelpOptions = true, description = "Trade statistics tools.",
        subcommands = {StatisticsCommand.Audit.class})
class StatisticsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Exit codes: 0 every table protected, 3 a narrowable or published sensitive cell (or a stale table), 1 on errors. */
    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Play the attacker on published tables: for every suppressed sensitive cell, solve (LP) for the smallest and",
                    "largest value consistent with everything published and report cells narrower than their protection level,",
                    "sensitive cells published, and published figures that no longer match the data.",
                    "Exit code 0 when nothing is found, 3 otherwise. The last line is JSON."})
    static class Audit implements Callable<Integer> {
        static final int FOUND = 3;

        @Mixin
        ServerOptions options;

        @CommandLine.Parameters(paramLabel = "TABLE", arity = "0..*", description = "published table ids (default: all published tables)")
        List<String> tables = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            try (ConfigurableApplicationContext ctx = options.offline()) {
                return run(ctx.getBean(StatisticsService.class), tables);
            }
        }

        static int run(StatisticsService service, List<String> ids) throws Exception {
            var tables = ids.isEmpty() ? service.published() : ids.stream().map(service::table).toList();
            int findings = 0, cells = 0, intervals = 0;
            long millis = 0;
            for (var t : tables) {
                if (!"PUBLISHED".equals(t.status())) {
                    System.out.println(t.id() + " is not published; skipped");
                    continue;
                }
                PublicationAudit.Report r = service.audit(t);
                cells += r.cells();
                intervals += r.intervals();
                millis += r.millis();
                findings += r.findings().size();
                System.out.printf("%s  %-45s %5d cells, %4d suppressed, %4d intervals solved (%s), %3d findings, %d ms%n", t.id(), t.name(),
                        r.cells(), r.suppressed(), r.intervals(), r.method(), r.findings().size(), r.millis());
                for (PublicationAudit.Finding f : r.findings()) {
                    System.out.printf("    %s %s %s%s%n", f.kind(), f.key(), f.reason() == null ? "" : "(" + f.reason() + ")",
                            f.interval() == null ? "" : String.format(" interval [%.0f, %.0f], protection needed %.0f",
                                    f.interval().lower(), f.interval().upper(), f.protectionNeeded()));
                }
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("tables", tables.size());
            summary.put("cells", cells);
            summary.put("intervals", intervals);
            summary.put("findings", findings);
            summary.put("millis", millis);
            System.out.println(new ObjectMapper().writeValueAsString(summary));
            return findings == 0 ? 0 : FOUND;
        }
    }
}
