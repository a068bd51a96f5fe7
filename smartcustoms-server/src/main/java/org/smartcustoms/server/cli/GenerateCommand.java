package org.smartcustoms.server.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic trade world with labelled fraud (undervaluation, misclassification, origin).",
                "Output: KCS CSV (importable with 'import --format kcs', trainable with 'model train --format kcs') or JSON lines",
                "(importable with 'import --format jsonl')."})
class GenerateCommand implements Callable<Integer> {
    @Option(names = "--declarations", required = true, description = "How many declarations.")
    int declarations;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same world (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "--format", defaultValue = "kcs", description = "kcs or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--end-date", description = "Last declaration date (default today).")
    LocalDate endDate;

    @Option(names = "--days", defaultValue = "365", description = "Days the declarations are spread over (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--hs", description = "HS nomenclature CSV to draw codes from (default ../shared/data/hs/harmonized-system.csv if present, else a built-in list).")
    Path hs;

    @Override
    public Integer call() throws Exception {
        if (declarations <= 0) throw new IllegalArgumentException("--declarations must be positive");
        if (!format.equals("kcs") && !format.equals("jsonl")) throw new IllegalArgumentException("--format must be kcs or jsonl");
        Path catalogue = hs != null ? hs : SharedDir.file("hs/harmonized-system.csv");
        if (hs != null && !Files.exists(hs)) throw new IllegalArgumentException("no such file: " + hs);
        DemoWorldGenerator gen = new DemoWorldGenerator(endDate == null ? LocalDate.now(org.smartcustoms.server.CoreBeans.systemClock()) : endDate, days, catalogue);
        try (Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             Stream<GeneratedDeclaration> s = gen.stream(declarations, seed)) {
            if (format.equals("kcs")) DemoWorldGenerator.writeKcsCsv(s, w);
            else DemoWorldGenerator.writeJsonLines(s, w);
        }
        if (out != null) {
            System.err.println("wrote " + declarations + " declarations to " + out + " (HS codes from "
                    + (gen.usesNomenclatureFile() ? catalogue : "the built-in list") + ")");
        }
        return 0;
    }
}
