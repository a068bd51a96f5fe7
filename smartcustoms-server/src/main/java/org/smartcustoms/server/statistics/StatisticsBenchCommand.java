package org.smartcustoms.server.statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.smartcustoms.statistics.Dimension;
import org.smartcustoms.statistics.DisclosureRules;
import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.ProtectedTable;
import org.smartcustoms.statistics.PublicationAudit;
import org.smartcustoms.statistics.Pseudonyms;
import org.smartcustoms.statistics.Suppressor;
import org.smartcustoms.statistics.TableSpec;
import org.smartcustoms.statistics.TradeRecord;
import org.smartcustoms.statistics.TradeTable;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench statistics}: in-process figures of the trade statistics (no database, no HTTP). Generates N goods items
 * of a year's import declarations as a stream (many traders, HS headings and partner countries with long-tailed
 * popularity, each trader with its own usual headings and partner), builds the month × HS4 × partner table (with
 * its HS chapter subtotals and margins), protects it with the publication's rules (primary suppression, secondary
 * suppression by sub-tables — the exact global LP audit only runs on tables up to 3,000 cells), then writes the same N
 * items as a research extract in Parquet through the research API's writer and row mapping (pseudonymised traders).
 * The stream is generated twice from the same seed rather than held in memory. Last line: JSON.
 */
@Command(name = "statistics", mixinStandardHelpOptions = true,
        description = {"Generate N declaration items, build and protect a year's month x HS4 x partner table, write an N-row Parquet extract (in-process).",
                "Last line: {\"items\": N, \"cells\": c, \"suppressed_primary\": p, \"suppressed_secondary\": s, \"protect_ms\": t, \"parquet_bytes\": b, ...}"})
public class StatisticsBenchCommand implements Callable<Integer> {
    @Option(names = "--items", defaultValue = "10000000", description = "Declaration items generated (default ${DEFAULT-VALUE}).")
    long items;

    @Option(names = "--seed", defaultValue = "16", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--audit", description = "Also run the attacker audit on the protected table (per sub-table LPs plus sampled neighbourhood LPs; slow).")
    boolean audit;

    @Option(names = "--no-parquet", description = "Skip the Parquet extract.")
    boolean noParquet;

    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    static final YearMonth FROM = YearMonth.of(2025, 1), TO = YearMonth.of(2025, 12);

    @Override
    public Integer call() throws Exception {
        if (items < 1 || items > 100_000_000) throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--items must be 1 to 100000000");
        Consumer<String> progress = json ? s -> { } : System.out::println;
        Map<String, Object> out = run(items, seed, audit, !noParquet, progress);
        System.out.println(new ObjectMapper().writeValueAsString(out));
        return 0;
    }

    static Map<String, Object> run(long items, long seed, boolean audit, boolean parquet, Consumer<String> progress) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        TableSpec spec = new TableSpec(Flow.IMPORT, FROM, TO, List.of(Dimension.MONTH, Dimension.HS4, Dimension.PARTNER));
        long t0 = System.nanoTime();
        TradeTable table = TradeTable.build(spec, List.of());
        World world = new World(items, seed);
        world.generate(table::add);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        out.put("traders", world.traders.length);
        out.put("generate_and_build_ms", buildMs);
        progress.accept("built " + table.cells().size() + " cells from " + items + " items in " + buildMs + " ms, heap " + heapMb() + " MB");

        Suppressor suppressor = new Suppressor(DisclosureRules.defaults());
        ProtectedTable p = suppressor.protect(table);
        ProtectedTable.Loss loss = p.loss();
        long interiorCells = p.cells().stream().filter(c -> !c.key().contains(Dimension.TOTAL)).count();
        long interiorSuppressed = p.cells().stream().filter(c -> c.suppressed() && !c.key().contains(Dimension.TOTAL)).count();
        out.put("cells", loss.cells());
        out.put("interior_cells", interiorCells);
        out.put("suppressed_primary", loss.primary());
        out.put("suppressed_secondary", loss.secondary());
        out.put("cells_share_suppressed", round((double) (loss.primary() + loss.secondary()) / loss.cells()));
        out.put("interior_cells_share_suppressed", round((double) interiorSuppressed / Math.max(1, interiorCells)));
        out.put("value_share_suppressed", round(loss.valueShareSuppressed()));
        out.put("sub_tables", loss.subTables());
        out.put("exact_global_audit", loss.exactAudit());
        out.put("protect_ms", loss.millis());
        out.put("heap_mb_after_protect", heapMb());
        progress.accept("protected: " + loss);
        if (audit) {
            PublicationAudit.Report r = PublicationAudit.audit(table, p, suppressor);
            out.put("audit_method", r.method());
            out.put("audit_intervals", r.intervals());
            out.put("audit_findings", r.findings().size());
            out.put("audit_ms", r.millis());
            progress.accept("audit (" + r.method() + "): " + r.intervals() + " intervals, " + r.findings().size() + " findings, " + r.millis() + " ms");
        }
        table = null;
        p = null;

        if (parquet) {
            Path file = Files.createTempFile("smartcustoms-bench-extract", ".parquet");
            try {
                long t1 = System.nanoTime();
                long rows = writeParquet(new World(items, seed), file);
                long ms = (System.nanoTime() - t1) / 1_000_000;
                out.put("parquet_rows", rows);
                out.put("parquet_ms", ms);
                out.put("parquet_bytes", Files.size(file));
                progress.accept("parquet: " + rows + " rows, " + Files.size(file) + " bytes in " + ms + " ms");
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return out;
    }

    /** The extract of every item with every research field, through the research API's row mapping and Parquet writer. */
    static long writeParquet(World world, Path file) throws IOException {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Pseudonyms pseudonyms = new Pseudonyms(secret);
        List<String> fields = ResearchService.FIELDS;
        double[] none = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        long[] rows = {0};
        IOException[] failure = {null};
        try (ExtractWriter w = ExtractWriter.parquet(fields, false, file)) {
            world.generate(r -> {
                if (failure[0] != null) return;
                try {
                    w.write(ResearchService.row(r, fields, false, pseudonyms, none));
                    rows[0]++;
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
        }
        if (failure[0] != null) throw failure[0];
        return rows[0];
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    private static long heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    /**
     * The generated year: traders ({@code items / 200}, at least 1,000) with Zipf-like activity, HS headings of 96
     * chapters and partner countries with long-tailed popularity; each trader has three usual headings and a usual
     * partner, used for most of its items. Declarations of 1 to 5 items, dates uniform over the year, log-normal values.
     */
    static final class World {
        final long items;
        final long seed;
        final String[] traders;
        final String[][] hs6ByHeading;
        final String[] partners;
        final String[] offices;
        final int[][] usualHeadings;
        final int[] usualPartner;

        World(long items, long seed) {
            this.items = items;
            this.seed = seed;
            SplittableRandom rnd = new SplittableRandom(seed);
            traders = new String[(int) Math.max(1000, Math.min(2_000_000, items / 200))];
            for (int i = 0; i < traders.length; i++) traders[i] = String.format("JP%012d", 100_000_000L + i * 7919L);
            java.util.List<String[]> headings = new java.util.ArrayList<>();
            for (int ch = 1; ch <= 97; ch++) {
                if (ch == 77) continue;
                int n = 3 + rnd.nextInt(22);
                for (int h = 1; h <= n; h++) {
                    String[] subs = new String[1 + rnd.nextInt(8)];
                    for (int s = 0; s < subs.length; s++) subs[s] = String.format("%02d%02d%02d", ch, h, 10 * (s + 1));
                    headings.add(subs);
                }
            }
            // popularity ranks shuffled across chapters
            java.util.Collections.shuffle(headings, new java.util.Random(seed));
            hs6ByHeading = headings.toArray(String[][]::new);
            partners = new String[230];
            for (int i = 0; i < partners.length; i++) partners[i] = "" + (char) ('A' + i / 26) + (char) ('A' + i % 26);
            offices = new String[40];
            for (int i = 0; i < offices.length; i++) offices[i] = String.format("JPO%03d", i);
            usualHeadings = new int[traders.length][3];
            usualPartner = new int[traders.length];
            for (int t = 0; t < traders.length; t++) {
                for (int k = 0; k < 3; k++) usualHeadings[t][k] = skewed(rnd, hs6ByHeading.length, 2.5);
                usualPartner[t] = skewed(rnd, partners.length, 3);
            }
        }

        /** An index in [0, n) with popularity falling off as a power: a few very common values and a long tail. */
        static int skewed(SplittableRandom rnd, int n, double power) {
            return (int) Math.min(n - 1, Math.floor(n * Math.pow(rnd.nextDouble(), power)));
        }

        void generate(Consumer<TradeRecord> sink) {
            SplittableRandom rnd = new SplittableRandom(seed * 31 + 1);
            LocalDate start = FROM.atDay(1);
            int days = (int) (TO.atEndOfMonth().toEpochDay() - start.toEpochDay() + 1);
            long made = 0, declaration = 0;
            while (made < items) {
                int t = skewed(rnd, traders.length, 2);
                String id = "BD" + (declaration++);
                LocalDate date = start.plusDays(rnd.nextInt(days));
                String office = offices[skewed(rnd, offices.length, 2)];
                int n = (int) Math.min(items - made, 1 + skewed(rnd, 5, 2));
                for (int i = 0; i < n; i++) {
                    int h = rnd.nextDouble() < 0.7 ? usualHeadings[t][rnd.nextInt(3)] : skewed(rnd, hs6ByHeading.length, 2.5);
                    String[] subs = hs6ByHeading[h];
                    String partner = partners[rnd.nextDouble() < 0.6 ? usualPartner[t] : skewed(rnd, partners.length, 3)];
                    long value = Math.max(1000, (long) Math.exp(11 + 1.5 * gaussian(rnd)));
                    double mass = Math.round(value / (300.0 + rnd.nextInt(5000)) * 10) / 10.0;
                    sink.accept(new TradeRecord(id, traders[t], Flow.IMPORT, date, subs[rnd.nextInt(subs.length)], partner, office,
                            value, mass, value * rnd.nextInt(11) / 100));
                }
                made += n;
            }
        }

        private static double gaussian(SplittableRandom rnd) {
            double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }
}
