package org.smartcustoms.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SuppressorTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final TableSpec BY_HS4_PARTNER = new TableSpec(Flow.IMPORT, YearMonth.of(2026, 1), YearMonth.of(2026, 12),
            List.of(Dimension.HS4, Dimension.PARTNER));

    private static int seq;

    private static TradeRecord rec(String trader, String hs6, String partner, long value) {
        return new TradeRecord("D" + (seq++), trader, Flow.IMPORT, DAY, hs6, partner, "JPTYO100", value, value / 100.0, value / 20);
    }

    /** Row 8471: five traders from CN and from US each, one trader from VN (threshold); row 8473 busy everywhere. */
    private static List<TradeRecord> rowRevealingTheLoneCell() {
        List<TradeRecord> rs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rs.add(rec("cn" + i, "847130", "CN", 1_000_000 + i * 1000));
            rs.add(rec("us" + i, "847130", "US", 800_000 + i * 1000));
            rs.add(rec("k" + i, "847330", "CN", 700_000 + i * 1000));
            rs.add(rec("m" + i, "847330", "US", 600_000 + i * 1000));
            rs.add(rec("v" + i, "847330", "VN", 500_000 + i * 1000));
        }
        rs.add(rec("lonely", "847130", "VN", 333_333));
        return rs;
    }

    @Test
    void thresholdSuppressionAloneLetsTheRowTotalGiveTheCellAwayTheProtectedTableDoesNot() {
        TradeTable t = TradeTable.build(BY_HS4_PARTNER, rowRevealingTheLoneCell());
        Suppressor s = new Suppressor(DisclosureRules.defaults());
        List<String> lonely = List.of("8471", "VN");
        assertThat(s.primaryReason(t.cell(lonely))).isEqualTo("threshold");

        // naive: suppress the sensitive cells only, publish everything else
        Map<List<String>, Long> naive = new HashMap<>();
        Set<List<String>> naiveSuppressed = new HashSet<>();
        for (List<String> k : t.keys()) {
            if (s.primaryReason(t.cell(k)) != null) naiveSuppressed.add(k); else naive.put(k, t.cell(k).value());
        }
        assertThat(naiveSuppressed).containsExactly(lonely);
        Interval recovered = AttackerAudit.intervals(t.constraints(), naive, naiveSuppressed, null).get(lonely);
        assertThat(recovered.lower()).isCloseTo(333_333, org.assertj.core.data.Offset.offset(1.0));
        assertThat(recovered.upper()).isCloseTo(333_333, org.assertj.core.data.Offset.offset(1.0));
        ProtectedTable naiveTable = naivePublication(t, naiveSuppressed);
        assertThat(PublicationAudit.audit(t, naiveTable, s).findings()).extracting(PublicationAudit.Finding::kind).containsExactly("narrowable");

        // protected: the lone cell is suppressed with complements, and no published figure narrows it
        ProtectedTable p = s.protect(t);
        ProtectedTable.Cell cell = p.cells().stream().filter(c -> c.key().equals(lonely)).findFirst().orElseThrow();
        assertThat(cell.suppressed()).isTrue();
        assertThat(cell.value()).isNull();
        assertThat(cell.reason()).isEqualTo("threshold");
        assertThat(p.loss().secondary()).isGreaterThan(0);
        PublicationAudit.Report audit = PublicationAudit.audit(t, p, s);
        assertThat(audit.findings()).isEmpty();
        Map<List<String>, Long> published = new HashMap<>();
        Set<List<String>> suppressed = new HashSet<>();
        for (ProtectedTable.Cell c : p.cells()) if (c.suppressed()) suppressed.add(c.key()); else published.put(c.key(), c.value());
        Interval attacker = AttackerAudit.intervals(t.constraints(), published, suppressed, null).get(lonely);
        assertThat(attacker.upper() - attacker.lower()).isGreaterThan(2 * 0.10 * 333_333);
        // the published margins are the exact sums over the data
        assertThat(p.cells().stream().filter(c -> c.key().equals(t.grandTotal())).findFirst().orElseThrow().value())
                .isEqualTo(rowRevealingTheLoneCell().stream().mapToLong(TradeRecord::value).sum());
    }

    private static ProtectedTable naivePublication(TradeTable t, Set<List<String>> suppressed) {
        List<ProtectedTable.Cell> cells = new ArrayList<>();
        for (List<String> k : t.keys()) {
            TradeTable.Cell c = t.cell(k);
            cells.add(suppressed.contains(k) ? new ProtectedTable.Cell(k, t.named(k), null, null, null, null, true, "threshold")
                    : new ProtectedTable.Cell(k, t.named(k), c.value(), c.netMassKg(), c.duty(), c.declarations(), false, null));
        }
        return new ProtectedTable(t.spec(), cells, null);
    }

    @Test
    void dominanceAndPPercentRulesFlagCellsWithEnoughTraders() {
        Suppressor s = new Suppressor(DisclosureRules.defaults());
        List<TradeRecord> rs = List.of(rec("big", "010121", "FR", 9_000_000), rec("b", "010121", "FR", 500_000),
                rec("c", "010121", "FR", 400_000), rec("d", "010121", "FR", 100_000),
                rec("x", "020110", "AU", 1_000_000), rec("y", "020110", "AU", 1_000_000), rec("z", "020110", "AU", 50_000),
                rec("u", "030110", "NO", 1_000_000), rec("v", "030110", "NO", 900_000), rec("w", "030110", "NO", 800_000));
        TradeTable t = TradeTable.build(BY_HS4_PARTNER, rs);
        assertThat(s.primaryReason(t.cell(List.of("0101", "FR")))).isEqualTo("dominance");
        assertThat(s.primaryReason(t.cell(List.of("0201", "AU")))).isEqualTo("dominance");
        // with a looser dominance rule, the p % rule still protects the largest trader from the second
        Suppressor loose = new Suppressor(new DisclosureRules(3, 2, 99, 10, 10, Set.of()));
        assertThat(loose.primaryReason(t.cell(List.of("0201", "AU")))).isEqualTo("p-percent");
        assertThat(s.primaryReason(t.cell(List.of("0301", "NO")))).isNull();
        Suppressor confidential = new Suppressor(new DisclosureRules(3, 2, 85, 10, 10, Set.of("w")));
        assertThat(confidential.primaryReason(t.cell(List.of("0301", "NO")))).isEqualTo("confidential");
    }

    @Test
    void randomTablesWithHsHierarchyPassTheAttackerAudit() {
        Random rnd = new Random(7);
        String[] hs = {"847130", "847141", "851762", "851712", "870323", "870332", "610910", "620342"};
        String[] partners = {"CN", "US", "VN", "DE", "KR", "TH"};
        Suppressor s = new Suppressor(DisclosureRules.defaults());
        for (int round = 0; round < 6; round++) {
            List<TradeRecord> rs = new ArrayList<>();
            int n = 40 + rnd.nextInt(80);
            for (int i = 0; i < n; i++) {
                rs.add(new TradeRecord("R" + round + "-" + i, "t" + rnd.nextInt(25), Flow.IMPORT, DAY.plusDays(rnd.nextInt(200)),
                        hs[rnd.nextInt(hs.length)], partners[rnd.nextInt(partners.length)], "JPTYO100",
                        1000 + (long) Math.abs(rnd.nextGaussian() * 500_000), 1, 0));
            }
            List<Dimension> dims = round % 3 == 0 ? List.of(Dimension.HS6, Dimension.PARTNER)
                    : round % 3 == 1 ? List.of(Dimension.MONTH, Dimension.HS4) : List.of(Dimension.HS4, Dimension.PARTNER, Dimension.MONTH);
            TradeTable t = TradeTable.build(new TableSpec(Flow.IMPORT, YearMonth.of(2026, 1), YearMonth.of(2026, 12), dims), rs);
            ProtectedTable p = s.protect(t);
            PublicationAudit.Report r = PublicationAudit.audit(t, p, s);
            assertThat(r.findings()).as("round %d %s", round, dims).isEmpty();
            assertThat(p.loss().primary()).isGreaterThan(0);
            System.out.printf("round %d %s: %d cells, %d primary, %d secondary, %d LP rounds, %d ms%n", round, dims, p.loss().cells(),
                    p.loss().primary(), p.loss().secondary(), p.loss().lpIterations(), p.loss().millis());
        }
    }

    private static List<TradeRecord> randomRecords(Random rnd, int n, String prefix, int hsCount, int partnerCount, int traders) {
        List<TradeRecord> rs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // skewed: a few headings, partners and traders carry most items
            int h = (int) Math.floor(hsCount * Math.pow(rnd.nextDouble(), 2));
            int p = (int) Math.floor(partnerCount * Math.pow(rnd.nextDouble(), 2));
            String hs6 = String.format("%02d%02d%02d", 1 + h % 97, 10 + (h / 97) % 90, 10 + h % 7);
            rs.add(new TradeRecord(prefix + i, "t" + (int) Math.floor(traders * Math.pow(rnd.nextDouble(), 1.5)), Flow.IMPORT,
                    DAY.plusDays(rnd.nextInt(250)), hs6, "P" + p, "JPTYO100", 1000 + (long) Math.abs(rnd.nextGaussian() * 500_000), 1, 0));
        }
        return rs;
    }

    /** Every 1-dimensional sub-table, solved alone by the attacker's LP, covers each sensitive cell's protection. */
    private static void assertEverySubTableProtects(TradeTable t, ProtectedTable p, Suppressor s) {
        Map<List<String>, Long> published = new HashMap<>();
        Set<List<String>> suppressed = new HashSet<>();
        for (ProtectedTable.Cell c : p.cells()) if (c.suppressed()) suppressed.add(c.key()); else published.put(c.key(), c.value());
        int checked = 0;
        for (TradeTable.Constraint k : t.constraints()) {
            Set<List<String>> sensitive = new HashSet<>();
            for (List<String> m : AttackerAudit.members(k)) if (suppressed.contains(m) && s.primaryReason(t.cell(m)) != null) sensitive.add(m);
            if (sensitive.isEmpty()) continue;
            Map<List<String>, Interval> iv = AttackerAudit.intervals(List.of(k), published, suppressed, sensitive);
            for (List<String> m : sensitive) {
                assertThat(s.protects(iv.get(m), t.cell(m).value())).as("%s in sub-table of %s: %s", m, k.total(), iv.get(m)).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(0);
    }

    @Test
    void theSubTablePassProtectsEverySubTableAndTheExactAuditFindsNothingOnceTheTableIsFinished() {
        Random rnd = new Random(11);
        DisclosureRules rules = DisclosureRules.defaults();
        Suppressor exact = new Suppressor(rules);
        Suppressor subTablesOnly = new Suppressor(rules, 0);
        int narrowableAfterSubTables = 0, tables = 0;
        for (int round = 0; round < 6; round++) {
            List<Dimension> dims = round % 2 == 0 ? List.of(Dimension.HS6, Dimension.PARTNER) : List.of(Dimension.MONTH, Dimension.HS4);
            TradeTable t = TradeTable.build(new TableSpec(Flow.IMPORT, YearMonth.of(2026, 1), YearMonth.of(2026, 12), dims),
                    randomRecords(rnd, 200 + rnd.nextInt(200), "S" + round + "-", 14, 7, 40));
            assertThat(t.cells().size()).as("a table of a few hundred cells").isBetween(100, exact.exactAuditCells());

            ProtectedTable bySubTables = subTablesOnly.protect(t);
            assertThat(bySubTables.loss().exactAudit()).isFalse();
            assertThat(bySubTables.loss().subTables()).isGreaterThan(0);
            assertEverySubTableProtects(t, bySubTables, exact);
            // the exact global audit of the sub-table pass alone (paths across sub-tables can still narrow a cell)
            narrowableAfterSubTables += PublicationAudit.audit(t, bySubTables, exact).findings().size();
            tables++;

            ProtectedTable finished = exact.protect(t);
            assertThat(finished.loss().exactAudit()).isTrue();
            PublicationAudit.Report audit = PublicationAudit.audit(t, finished, exact);
            assertThat(audit.method()).isEqualTo("exact");
            assertThat(audit.findings()).as("round %d %s", round, dims).isEmpty();
            // the global LP only adds complements to the sub-table pattern
            Set<List<String>> before = new HashSet<>(), after = new HashSet<>();
            bySubTables.cells().stream().filter(ProtectedTable.Cell::suppressed).forEach(c -> before.add(c.key()));
            finished.cells().stream().filter(ProtectedTable.Cell::suppressed).forEach(c -> after.add(c.key()));
            assertThat(after).containsAll(before);
            System.out.printf("sub-tables round %d %s: %d cells, %d primary, %d secondary by sub-tables, %d after the exact audit%n", round, dims,
                    t.cells().size(), bySubTables.loss().primary(), bySubTables.loss().secondary(), finished.loss().secondary());
        }
        System.out.printf("narrowable cells after the sub-table pass alone: %d over %d tables%n", narrowableAfterSubTables, tables);
    }

    @Test
    void aTableTooLargeForTheExactAuditIsProtectedBySubTablesAndPassesTheSubTableAndLocalAudit() {
        Random rnd = new Random(5);
        Suppressor s = new Suppressor(DisclosureRules.defaults(), 1000);
        TradeTable t = TradeTable.build(new TableSpec(Flow.IMPORT, YearMonth.of(2026, 1), YearMonth.of(2026, 12),
                List.of(Dimension.MONTH, Dimension.HS4, Dimension.PARTNER)), randomRecords(rnd, 3000, "L", 60, 20, 200));
        assertThat(t.cells().size()).isGreaterThan(s.exactAuditCells());
        ProtectedTable p = s.protect(t);
        assertThat(p.loss().exactAudit()).isFalse();
        assertThat(p.loss().lpIterations()).isZero();
        assertThat(p.loss().primary()).isGreaterThan(0);
        assertThat(p.loss().secondary()).isGreaterThan(0);
        for (ProtectedTable.Cell c : p.cells()) {
            if (s.primaryReason(t.cell(c.key())) != null) assertThat(c.suppressed()).as("%s", c.key()).isTrue();
            if (c.suppressed()) assertThat(c.value()).isNull(); else assertThat(c.value()).isEqualTo(t.cell(c.key()).value());
        }
        assertEverySubTableProtects(t, p, s);
        PublicationAudit.Report audit = PublicationAudit.audit(t, p, s);
        assertThat(audit.method()).isEqualTo("sub-tables+local");
        assertThat(audit.intervals()).isGreaterThan(p.loss().primary());
        assertThat(audit.findings()).isEmpty();
        System.out.printf("large table: %d cells, %d primary, %d secondary, %d sub-tables, %d ms; audit %d intervals in %d ms%n",
                p.loss().cells(), p.loss().primary(), p.loss().secondary(), p.loss().subTables(), p.loss().millis(), audit.intervals(), audit.millis());
    }

    @Test
    void badSpecsAreRefusedWithReasons() {
        assertThatThrownBy(() -> Dimension.parseList("hs4,colour")).hasMessageContaining("Unknown dimension 'colour'");
        assertThatThrownBy(() -> Dimension.parseList("hs2,hs4")).hasMessageContaining("one HS level");
        assertThatThrownBy(() -> new TableSpec(Flow.IMPORT, YearMonth.of(2026, 5), YearMonth.of(2026, 1), List.of(Dimension.HS2)))
                .hasMessageContaining("reversed");
        assertThatThrownBy(() -> new TableSpec(Flow.IMPORT, YearMonth.of(1200, 1), YearMonth.of(2026, 1), List.of(Dimension.HS2)))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> TableSpec.month("from", "2026-13")).hasMessageContaining("YYYY-MM");
    }
}
