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

import org.smartcustoms.declaration.Violation;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.declaration.bulk.JsonLinesReader;
import org.smartcustoms.server.declaration.DeclarationFormats;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.BatchRow;
import org.smartcustoms.server.declaration.RowResult;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import declarations in bulk, validated, assessed and scored in batches committed every --batch-size rows.",
                "A row is counted as accepted only after its batch committed, so an interrupted import (even kill -9) loses nothing",
                "it reported; re-running skips rows already imported (same declarant + LRN). A bad row is rejected on its own.",
                "On SIGTERM the batch in flight is committed (or rolled back), the summary printed and the import stops."},
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

    @Option(names = "--batch-size", description = "Declarations committed per transaction (default: smartcustoms.intake.batch-size, 1000).")
    Integer batchSize;

    /** Set on SIGTERM: stop reading, let the batch in flight commit, print what was committed. */
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public Integer call() throws IOException {
        for (Path p : inputs) {
            if (!Files.exists(p)) throw new IllegalArgumentException("no such file or directory: " + p);
        }
        if (!progress.equals("bar") && !progress.equals("lines")) throw new IllegalArgumentException("--progress must be bar or lines");
        if (batchSize != null && batchSize < 1) throw new IllegalArgumentException("--batch-size must be at least 1");
        String[] extra = batchSize == null ? new String[0] : new String[] {"--smartcustoms.intake.batch-size=" + batchSize};
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        // Graceful shutdown (SIGTERM, Ctrl-C): the hook asks the import to stop after the batch in flight and waits
        // for it to commit (or roll back) and print its summary. Spring's own hook is off (the context is closed
        // here, after the batch), so the database is not closed under the batch.
        Thread hook = new Thread(() -> {
            stopping.set(true);
            try {
                finished.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "import-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ConfigurableApplicationContext ctx = options.offline(false, extra)) {
            DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
            DeclarationFormats formats = ctx.getBean(DeclarationFormats.class);
            Summary summary = run(intake, formats, System.err);
            if (summary.interrupted) System.out.println("stopped on request after the last committed batch; run the same import again to continue");
            System.out.println(summary.text(maxErrorsShown));
            System.out.flush();
            return summary.exitCode();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the import has finished
            }
        }
    }

    /** Thrown from the row callback to stop reading on a shutdown request. */
    private static final class Stop extends RuntimeException {
        Stop() { super(null, null, false, false); }
    }

    Summary run(DeclarationIntake intake, DeclarationFormats formats, PrintStream progressOut) throws IOException {
        String f = format.toLowerCase(Locale.ROOT);
        long total = 0;
        for (Path p : inputs) total += estimateRows(p, f);
        Summary s = new Summary();
        boolean lines = "lines".equals(progress);
        ProgressBar bar = lines ? null : new ProgressBar(progressOut, total);
        Actor actor = Actor.system("import");
        int size = intake.batchSize();
        int perCall = size * 4; // several batches per call: the next batch is prepared while one is written
        List<BatchRow> pending = new ArrayList<>(perCall);
        // Results arrive per batch after its commit (rejections as soon as known), so the progress printed counts
        // only stored rows; on a re-run rows already stored count as duplicates. Unreadable rows are rejected at once.
        Consumer<List<RowResult>> done = results -> {
            for (RowResult r : results) {
                switch (r.outcome()) {
                    case ACCEPTED -> s.accepted++;
                    case DUPLICATE -> s.duplicates++;
                    case REJECTED -> s.rejected.add(new BatchError(r.row(), r.violations()));
                }
                s.rows++;
                if (!lines) bar.step();
            }
            if (lines) {
                progressOut.println("progress rows=" + s.rows + " accepted=" + s.accepted + " duplicates=" + s.duplicates
                        + " rejected=" + s.rejected.size());
                progressOut.flush();
            }
        };
        Runnable flush = () -> {
            intake.submitBatch(pending, actor, done, stopping::get);
            pending.clear();
            if (stopping.get()) throw new Stop();
        };
        Consumer<BulkRow> sink = row -> {
            if (row.accepted()) {
                pending.add(new BatchRow(row.rowNumber(), row.declaration()));
                if (pending.size() >= perCall) flush.run();
            } else {
                done.accept(List.of(RowResult.rejected(row.rowNumber(), row.errors().isEmpty()
                        ? List.of(new Violation("", "UNREADABLE", "the row could not be read")) : row.errors())));
            }
        };
        try {
            for (Path p : inputs) {
                if (stopping.get()) throw new Stop();
                if (f.equals("wco-xml")) {
                    formats.readXmlFiles(p, sink);
                } else {
                    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                        (f.equals("jsonl") ? new JsonLinesReader() : DeclarationFormats.csvReader(f)).read(r, sink);
                    }
                }
            }
            flush.run();
        } catch (Stop stop) {
            s.interrupted = true;
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
        boolean interrupted;
        final List<BatchError> rejected = new ArrayList<>();

        /** 0 when nothing was rejected, else {@link #ROWS_REJECTED}. */
        int exitCode() {
            return rejected.isEmpty() ? 0 : ROWS_REJECTED;
        }

        String text(int maxShown) {
            StringBuilder sb = new StringBuilder();
            sb.append("accepted: ").append(accepted).append(", already present: ").append(duplicates)
                    .append(", rejected: ").append(rejected.size());
            rejected.sort(java.util.Comparator.comparingLong(BatchError::row));
            rejected.stream().limit(maxShown).forEach(e -> {
                sb.append("\n  row ").append(e.row()).append(": ");
                sb.append(String.join("; ", e.errors().stream().map(v -> (v.path().isEmpty() ? "" : v.path() + " ") + v.code() + " " + v.message()).toList()));
            });
            if (rejected.size() > maxShown) sb.append("\n  ... and ").append(rejected.size() - maxShown).append(" more rejected rows");
            return sb.toString();
        }
    }
}
