package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * What the project writes it reads: {@code generate --format kcs} then {@code import --format kcs}, both run as
 * the commands they are, into a fresh database; the same for {@code --format jsonl}. Every generated row is
 * accepted, none rejected.
 */
class GenerateImportRoundTripTest {
    static final Pattern SUMMARY = Pattern.compile("accepted: (\\d+), already present: (\\d+), rejected: (\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyGeneratedKcsRowIsImported() throws Exception {
        Path csv = dir.resolve("world.csv");
        String end = LocalDate.now(ZoneOffset.UTC).toString();
        Run gen = run(new GenerateCommand(), "--declarations", "250", "--seed", "7", "--end-date", end, "--days", "200",
                "--format", "kcs", "--out", csv.toString());
        assertThat(gen.code).as(gen.out).isZero();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int rows = lines.size() - 1;
        assertThat(rows).isGreaterThanOrEqualTo(250); // one row per goods item

        Run imp = run(new ImportCommand(), "--data-dir", dir.resolve("db").toString(), "--format", "kcs",
                "--progress", "lines", csv.toString());
        Matcher m = SUMMARY.matcher(imp.out);
        assertThat(m.find()).as(imp.out).isTrue();
        System.out.println("generate --format kcs -> import --format kcs: " + rows + " rows, " + m.group());
        assertThat(Integer.parseInt(m.group(3))).as(imp.out).isZero();
        assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).as(imp.out).isEqualTo(rows);
        assertThat(imp.code).isZero();
    }

    @Test
    void everyGeneratedJsonLineIsImported() throws Exception {
        Path jsonl = dir.resolve("world.jsonl");
        String end = LocalDate.now(ZoneOffset.UTC).toString();
        Run gen = run(new GenerateCommand(), "--declarations", "200", "--seed", "8", "--end-date", end, "--days", "200",
                "--format", "jsonl", "--out", jsonl.toString());
        assertThat(gen.code).as(gen.out).isZero();
        long rows = Files.readAllLines(jsonl, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
        assertThat(rows).isEqualTo(200);

        Run imp = run(new ImportCommand(), "--data-dir", dir.resolve("db-jsonl").toString(), "--format", "jsonl",
                "--progress", "lines", jsonl.toString());
        Matcher m = SUMMARY.matcher(imp.out);
        assertThat(m.find()).as(imp.out).isTrue();
        System.out.println("generate --format jsonl -> import --format jsonl: " + rows + " rows, " + m.group());
        assertThat(Integer.parseInt(m.group(3))).as(imp.out).isZero();
        assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))).as(imp.out).isEqualTo(rows);
        assertThat(imp.code).isZero();
    }

    /** A row that cannot be a declaration is rejected, the others are stored, and the exit status says so (3). */
    @Test
    void rejectedRowsMakeTheImportExitWithStatusThree() throws Exception {
        Path jsonl = dir.resolve("mixed.jsonl");
        String end = LocalDate.now(ZoneOffset.UTC).toString();
        Run gen = run(new GenerateCommand(), "--declarations", "3", "--seed", "9", "--end-date", end, "--days", "30",
                "--format", "jsonl", "--out", jsonl.toString());
        assertThat(gen.code).as(gen.out).isZero();
        Files.writeString(jsonl, "{\"lrn\": \"BROKEN-1\", \"items\": []}\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        Run imp = run(new ImportCommand(), "--data-dir", dir.resolve("db-mixed").toString(), "--format", "jsonl",
                "--progress", "lines", jsonl.toString());
        Matcher m = SUMMARY.matcher(imp.out);
        assertThat(m.find()).as(imp.out).isTrue();
        assertThat(m.group(1)).as(imp.out).isEqualTo("3");
        assertThat(m.group(3)).as(imp.out).isEqualTo("1");
        assertThat(imp.out).contains("row 4:");
        assertThat(imp.code).as("exit status with a rejected row").isEqualTo(ImportCommand.ROWS_REJECTED).isEqualTo(3);

        // the same file again: the three are already present, the broken row is still rejected
        Run again = run(new ImportCommand(), "--data-dir", dir.resolve("db-mixed").toString(), "--format", "jsonl",
                "--progress", "lines", jsonl.toString());
        assertThat(again.out).contains("accepted: 0, already present: 3, rejected: 1");
        assertThat(again.code).isEqualTo(3);
    }

    private record Run(int code, String out) { }

    private static Run run(Object command, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(command).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
