package org.smartcustoms.server.cli;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.smartcustoms.knowledge.AssistantEvaluation;
import org.smartcustoms.knowledge.InquiryRetriever;
import org.smartcustoms.knowledge.KnowledgeBaseImport;
import org.smartcustoms.knowledge.KnowledgeEntry;
import org.smartcustoms.knowledge.MiniLmEmbedder;
import org.smartcustoms.knowledge.TypoNoise;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/smartcustoms assistant}: the inquiry assistant's retrieval from the command line (no database needed). */
@Command(name = "assistant", mixinStandardHelpOptions = true, description = "Inquiry assistant: evaluate retrieval on a knowledge base.",
        subcommands = {AssistantCommand.Evaluate.class})
class AssistantCommand {
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Answers a CSV of questions (question,expected_id; HANDOFF = should hand off) from a knowledge base",
                    "(CSV id,topic,question,answer,audience or Markdown .md). The last line is",
                    "{\"answered_correct\":..,\"answered_wrong\":..,\"handoff_correct\":..,\"rows\":n}: shares of the answerable",
                    "questions answered with the expected / another entry, and of the HANDOFF questions handed off."})
    static class Evaluate implements Callable<Integer> {
        @Option(names = "--kb", required = true, description = "Knowledge base (CSV, or Markdown when the name ends in .md).")
        Path kb;

        @Option(names = "--questions", required = true, description = "CSV question,expected_id.")
        Path questions;

        @Option(names = "--typos", defaultValue = "0",
                description = "Give every question this many random phone-style typos first (robustness; default 0).")
        int typos;

        @Option(names = "--typo-seed", defaultValue = "13", description = "Seed of the random typos (default 13).")
        long typoSeed;

        @Option(names = "--json", description = "Print only the JSON line (the default output ends with it anyway).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            for (Path p : List.of(kb, questions)) if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + p);
            List<KnowledgeEntry> entries;
            try (Reader in = Files.newBufferedReader(kb, StandardCharsets.UTF_8)) {
                entries = kb.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")
                        ? KnowledgeBaseImport.markdown(in) : KnowledgeBaseImport.csv(in);
            }
            InquiryRetriever r = InquiryRetriever.build(entries, MiniLmEmbedder.shared());
            AssistantEvaluation.Result res;
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            try (Reader in = Files.newBufferedReader(questions, StandardCharsets.UTF_8)) {
                res = AssistantEvaluation.evaluate(r, in, new TypoNoise(typoSeed, typos));
            }
            cpu = os.getProcessCpuTime() - cpu;
            if (!json) System.out.println(entries.size() + " entries; near-miss scores (each entry's question against the others)"
                    + " 10th/50th/90th percentile " + res.nearMisses().low() + " / " + res.nearMisses().median() + " / "
                    + res.nearMisses().high() + "; answers when the answer evidence gives a probability of at least 0.5");
            if (!json) System.out.println(String.format(Locale.ROOT, "CPU per question (whole process, all threads): %.1f ms",
                    cpu / 1e6 / res.rows()));
            System.out.println(String.format(Locale.ROOT,
                    "{\"answered_correct\": %.3f, \"answered_wrong\": %.3f, \"handoff_correct\": %.3f, \"rows\": %d}",
                    res.answeredCorrect(), res.answeredWrong(), res.handoffCorrect(), res.rows()));
            return 0;
        }
    }
}
