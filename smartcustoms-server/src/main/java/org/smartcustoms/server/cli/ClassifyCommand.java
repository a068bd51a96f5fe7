package org.smartcustoms.server.cli;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.smartcustoms.knowledge.ClassifierEvaluation;
import org.smartcustoms.knowledge.HsClassifier;
import org.smartcustoms.knowledge.HsSuggestion;
import org.smartcustoms.knowledge.MiniLmEmbedder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/smartcustoms classify}: the HS classification assistant from the command line (no database needed). */
@Command(name = "classify", mixinStandardHelpOptions = true, description = "HS classification assistant: suggest codes, evaluate.",
        subcommands = {ClassifyCommand.Evaluate.class, ClassifyCommand.Suggest.class})
class ClassifyCommand {
    static final String CACHE = "${env:SMARTCUSTOMS_KNOWLEDGE_CACHE:-${sys:java.io.tmpdir}/smartcustoms-knowledge}";

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Top-1/3/5 accuracy at six digits on a CSV with columns description,hs6.",
                    "The last line is {\"top1\":..,\"top3\":..,\"top5\":..,\"rows\":n,\"p50_ms\":..,\"p99_ms\":..}."})
    static class Evaluate implements Callable<Integer> {
        @Option(names = "--test", required = true, description = "CSV file with description,hs6.")
        Path test;

        @Option(names = "--json", description = "Print only the JSON line (the default output ends with it anyway).")
        boolean json;

        @Option(names = "--cache-dir", defaultValue = CACHE, description = "Where nomenclature vectors are cached (default: ${DEFAULT-VALUE}).")
        Path cacheDir;

        @Option(names = "--misses", description = "Also print every row whose code was not suggested first: row, expected, suggested codes, description.")
        boolean misses;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(test)) throw new IllegalArgumentException("no such file: " + test);
            HsClassifier c = HsClassifier.load(MiniLmEmbedder.shared(), cacheDir);
            ClassifierEvaluation.Result r;
            try (Reader in = Files.newBufferedReader(test, StandardCharsets.UTF_8)) {
                r = ClassifierEvaluation.evaluate(c, in, m -> {
                    if (misses) System.out.println("miss row " + m.row() + " expected " + m.expected() + " got " + String.join(",", m.suggested())
                            + " | " + m.description());
                });
            }
            if (!json) System.out.println("rows " + r.rows() + ", latency p50 " + r.p50Millis() + " ms, p99 " + r.p99Millis() + " ms");
            System.out.println(String.format(Locale.ROOT, "{\"top1\": %.3f, \"top3\": %.3f, \"top5\": %.3f, \"rows\": %d, \"p50_ms\": %.1f, \"p99_ms\": %.1f}",
                    r.top1(), r.top3(), r.top5(), r.rows(), r.p50Millis(), r.p99Millis()));
            return 0;
        }
    }

    @Command(name = "suggest", mixinStandardHelpOptions = true, description = "The five best HS subheadings for a description.")
    static class Suggest implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "Goods description.")
        List<String> words;

        @Option(names = "--cache-dir", defaultValue = CACHE, description = "Where nomenclature vectors are cached.")
        Path cacheDir;

        @Override
        public Integer call() {
            HsClassifier c = HsClassifier.load(MiniLmEmbedder.shared(), cacheDir);
            for (HsSuggestion s : c.classify(String.join(" ", words), 5)) {
                System.out.println(String.format(Locale.ROOT, "%s  %.3f  %s", s.hs6(), s.confidence(), s.description()));
            }
            return 0;
        }
    }
}
