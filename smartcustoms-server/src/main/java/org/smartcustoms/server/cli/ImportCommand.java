package org.smartcustoms.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.declaration.bulk.JsonLinesReader;
import org.smartcustoms.server.declaration.DeclarationFormats;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.IntakeResult;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import declarations in bulk. Each row is committed on its own before it is counted as accepted,",
                "so an interrupted import loses nothing it reported; re-running skips rows already imported (same declarant + LRN)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every row was accepted or already present",
                "3:some rows were rejected (listed with their reasons; the other rows are stored)",
                "1:an error stopped the import (missing file, database unavailable)",
                "2:wrong options"})
class ImportCommand implements Callable<Integer> {
    /** Exit status when one or more rows were rejected (the accepted ones are stored). */
    static final int ROWS_REJECTED = 3;

    @Mixin
    ServerOptions options;

    @Option(names = "--format", required = true, description = "kcs, jp, wco-xml or jsonl (JSON lines as 'generate --format jsonl' writes)")
    String format;

    @Option(names = "--max-errors-shown", defaultValue = "50", description = "How many rejected rows to list (default ${DEFAULT-VALUE}).")
    int maxErrorsShown;

    @Option(names = "--progress", defaultValue = "bar", description = {"bar: a progress bar on standard error (default);",
            "lines: one machine-readable line per row on standard error, printed after the row's transaction has ended:",
            "  'progress rows=N accepted=A duplicates=D rejected=R' (accepted counts only committed rows)."})
    String progress;

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR",
            description = "Files to import (CSV or JSON lines), or for wco-xml a file or a directory of .xml files.")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        for (Path p : inputs) {
            if (!Files.exists(p)) throw new IllegalArgumentException("no such file or directory: " + p);
        }
        if (!progress.equals("bar") && !progress.equals("lines")) throw new IllegalArgumentException("--progress must be bar or lines");
        try (ConfigurableApplicationContext ctx = options.offline()) {
            DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
            DeclarationFormats formats = ctx.getBean(DeclarationFormats.class);
            Summary summary = run(intake, formats, System.err);
            System.out.println(summary.text(maxErrorsShown));
            return summary.exitCode();
        }
    }

    Summary run(DeclarationIntake intake, DeclarationFormats formats, PrintStream progressOut) throws IOException {
        String f = format.toLowerCase(Locale.ROOT);
        long total = 0;
        for (Path p : inputs) total += estimateRows(p, f);
        Summary s = new Summary();
        boolean lines = "lines".equals(progress);
        ProgressBar bar = lines ? null : new ProgressBar(progressOut, total);
        Consumer<BulkRow> sink = row -> {
            if (!row.accepted()) {
                s.rejected.add(new BatchError(row.rowNumber(), row.errors()));
            } else {
                try {
                    // submit is one @Transactional call through the Spring proxy and we are not inside another
                    // transaction, so it returns only after the commit: the row is counted after it is stored.
                    // (On the embedded H2 the commit has also been written to the file by then: WRITE_DELAY=0.)
                    IntakeResult r = intake.submit(row.declaration(), "import");
                    if (r.created()) s.accepted++; else s.duplicates++;
                } catch (InvalidDeclarationException e) {
                    s.rejected.add(new BatchError(row.rowNumber(), e.violations()));
                } catch (RuntimeException e) {
                    s.rejected.add(new BatchError(row.rowNumber(), List.of(new Violation("", "REJECTED", String.valueOf(e.getMessage())))));
                }
            }
            s.rows++;
            if (lines) {
                progressOut.println("progress rows=" + s.rows + " accepted=" + s.accepted + " duplicates=" + s.duplicates
                        + " rejected=" + s.rejected.size());
            } else {
                bar.step();
            }
        };
        for (Path p : inputs) {
            if (f.equals("wco-xml")) {
                formats.readXmlFiles(p, sink);
            } else {
                try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    (f.equals("jsonl") ? new JsonLinesReader() : DeclarationFormats.csvReader(f)).read(r, sink);
                }
            }
        }
        if (lines) progressOut.flush(); else bar.done();
        return s;
    }

    private static long estimateRows(Path p, String format) throws IOException {
        if (format.equals("wco-xml")) {
            if (!Files.isDirectory(p)) return 1;
            try (Stream<Path> s = Files.list(p)) {
                return s.filter(x -> x.toString().toLowerCase(Locale.ROOT).endsWith(".xml")).count();
            }
        }
        try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
            return format.equals("jsonl") ? lines.filter(l -> !l.isBlank()).count() : Math.max(0, lines.count() - 1);
        }
    }

    record BatchError(long row, List<Violation> errors) { }

    static final class Summary {
        long rows, accepted, duplicates;
        final List<BatchError> rejected = new ArrayList<>();

        /** 0 when nothing was rejected, else {@link #ROWS_REJECTED}. */
        int exitCode() {
            return rejected.isEmpty() ? 0 : ROWS_REJECTED;
        }

        String text(int maxShown) {
            StringBuilder sb = new StringBuilder();
            sb.append("accepted: ").append(accepted).append(", already present: ").append(duplicates)
                    .append(", rejected: ").append(rejected.size());
            rejected.stream().limit(maxShown).forEach(e -> {
                sb.append("\n  row ").append(e.row()).append(": ");
                sb.append(String.join("; ", e.errors().stream().map(v -> (v.path().isEmpty() ? "" : v.path() + " ") + v.code() + " " + v.message()).toList()));
            });
            if (rejected.size() > maxShown) sb.append("\n  ... and ").append(rejected.size() - maxShown).append(" more rejected rows");
            return sb.toString();
        }
    }
}
