package org.smartcustoms.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DemoWorldGeneratorTest {
    static final LocalDate END = LocalDate.of(2026, 11, 22);
    static final DemoWorldGenerator GENERATOR = new DemoWorldGenerator(END, 365, null);
    static final List<GeneratedDeclaration> TWO_THOUSAND = GENERATOR.generate(2000, 42);

    static DeclarationValidator validator() {
        Set<String> known = Set.copyOf(org.smartcustoms.tariff.DemoTariff.subheadings());
        return new DeclarationValidator(Clock.fixed(END.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC), known::contains);
    }

    @Test
    void everyGeneratedDeclarationPassesTheValidator() {
        DeclarationValidator v = validator();
        List<Violation> all = TWO_THOUSAND.stream().flatMap(g -> v.validate(g.declaration()).stream()).toList();
        assertThat(all).isEmpty();
        assertThat(TWO_THOUSAND).hasSize(2000);
    }

    @Test
    void sameSeedSameOutputDifferentSeedDifferentOutput() throws IOException {
        assertThat(kcs(GENERATOR.generate(300, 7))).isEqualTo(kcs(GENERATOR.generate(300, 7)));
        assertThat(json(GENERATOR.generate(300, 7))).isEqualTo(json(GENERATOR.generate(300, 7)));
        assertThat(kcs(GENERATOR.generate(300, 8))).isNotEqualTo(kcs(GENERATOR.generate(300, 7)));
        assertThat(GENERATOR.stream(300, 7).parallel().toList()).isEqualTo(GENERATOR.generate(300, 7));
    }

    @Test
    void fraudShareIsBetweenTenAndTwentyPercentWithAllThreeTypes() {
        for (long seed : new long[] {1, 2, 3, 42}) {
            List<GeneratedDeclaration> g = seed == 42 ? TWO_THOUSAND : GENERATOR.generate(2000, seed);
            double share = g.stream().filter(x -> x.label().fraud()).count() / (double) g.size();
            assertThat(share).as("seed %d", seed).isBetween(0.10, 0.20);
        }
        Map<String, Long> byType = TWO_THOUSAND.stream().filter(x -> x.fraudType() != null)
                .collect(Collectors.groupingBy(GeneratedDeclaration::fraudType, Collectors.counting()));
        assertThat(byType.keySet()).containsExactlyInAnyOrder(
                GeneratedDeclaration.UNDERVALUATION, GeneratedDeclaration.MISCLASSIFICATION, GeneratedDeclaration.ORIGIN);
        assertThat(TWO_THOUSAND).filteredOn(x -> !x.label().fraud()).allSatisfy(x -> {
            assertThat(x.fraudType()).isNull();
            assertThat(x.label().criticalFraud()).isZero();
        });
        assertThat(TWO_THOUSAND).filteredOn(x -> x.label().fraud())
                .allSatisfy(x -> assertThat(x.label().criticalFraud()).isBetween(1, 2));
    }

    @Test
    void fraudPropensityDependsOnTheImporter() {
        Map<String, List<GeneratedDeclaration>> byImporter = TWO_THOUSAND.stream()
                .collect(Collectors.groupingBy(g -> g.declaration().party(PartyRole.IMPORTER).orElseThrow().id()));
        double aeo = rate(TWO_THOUSAND.stream().filter(DemoWorldGeneratorTest::isAeo).toList());
        double rest = rate(TWO_THOUSAND.stream().filter(g -> !isAeo(g)).toList());
        assertThat(aeo).isLessThan(rest / 2);
        long riskyImporters = byImporter.values().stream().filter(l -> l.size() >= 20 && rate(l) > 0.3).count();
        assertThat(riskyImporters).isPositive();
        assertThat(byImporter.size()).isBetween(30, 40); // ~N/50 importers, nearly all trading
    }

    @Test
    void aWorldWithStructure() {
        List<Declaration> ds = TWO_THOUSAND.stream().map(GeneratedDeclaration::declaration).toList();
        assertThat(ds).extracting(Declaration::officeId).containsAll(World.OFFICES.stream().map(World.Office::id).toList())
                .allSatisfy(o -> assertThat(World.OFFICES).extracting(World.Office::id).contains(o));
        assertThat(ds).extracting(Declaration::declarationDate)
                .allSatisfy(d -> assertThat(d).isBetween(END.minusDays(364), END)).isSorted();
        // Demo Customs is one country: Japanese declarants and importers, customs values in yen
        assertThat(ds).allSatisfy(d -> {
            assertThat(d.party(PartyRole.IMPORTER).orElseThrow().country()).isEqualTo("JP");
            assertThat(d.party(PartyRole.IMPORTER).orElseThrow().id()).matches("\\d{13}");
            assertThat(d.party(PartyRole.DECLARANT).orElseThrow().country()).isEqualTo("JP");
            assertThat(d.items()).allSatisfy(i -> assertThat(i.customsValue().currency()).isEqualTo("JPY"));
        });
        assertThat(ds).extracting(Declaration::lrn).doesNotHaveDuplicates();
        assertThat(ds).allSatisfy(d -> assertThat(d.items()).hasSizeBetween(1, 5));
        assertThat(ds.stream().map(d -> d.invoiceAmount().currency()).collect(Collectors.toSet()))
                .doesNotContain("XXX").contains("USD", "EUR", "JPY", "CNY", "KRW");
        Map<String, Long> origins = ds.stream().flatMap(d -> d.items().stream()).map(GoodsItem::originCountry)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(origins.keySet()).contains("CN", "US", "VN", "DE", "AU").doesNotContain("JP"); // imports only
        assertThat(origins.get("CN")).isEqualTo(origins.values().stream().max(Long::compare).orElseThrow());
        assertThat(ds).allSatisfy(d -> assertThat(d.items()).allSatisfy(i -> assertThat(i.info(DemoWorldGenerator.TAX_RATE)).isNotNull()));
        assertThat(ds).anySatisfy(d -> assertThat(d.party(PartyRole.AUTHORISATION_HOLDER)).get()
                .extracting(Party::category).isEqualTo("AEOF"));
        assertThat(ds.stream().map(d -> d.transport().borderModeCode()).collect(Collectors.toSet())).contains("1", "4", "5");
        // postal consignments are cleared at the international post office, air cargo at airports
        assertThat(ds).filteredOn(d -> "5".equals(d.transport().borderModeCode()))
                .allSatisfy(d -> assertThat(d.officeId()).isEqualTo("JPTYO300"));
        assertThat(ds).filteredOn(d -> "4".equals(d.transport().borderModeCode()))
                .allSatisfy(d -> assertThat(d.officeId()).isIn("JPNRT200", "JPHND200", "JPKIX200"));
    }

    @Test
    void aYearWithWeeklyAndSeasonalPatterns() {
        List<LocalDate> dates = TWO_THOUSAND.stream().map(g -> g.declaration().declarationDate()).toList();
        assertThat(dates.stream().map(java.time.YearMonth::from).distinct().count()).isGreaterThanOrEqualTo(12);
        long weekdays = dates.stream().filter(d -> d.getDayOfWeek().getValue() <= 5).count();
        long sundays = dates.stream().filter(d -> d.getDayOfWeek() == java.time.DayOfWeek.SUNDAY).count();
        assertThat(weekdays / 5.0).isGreaterThan(4 * sundays); // a weekday is at least four times as busy as a Sunday
        long newYear = dates.stream().filter(d -> d.getMonthValue() == 1 && d.getDayOfMonth() <= 3).count();
        long octoberFirstDays = dates.stream().filter(d -> d.getMonthValue() == 10 && d.getDayOfMonth() <= 3).count();
        assertThat(newYear).isLessThan(octoberFirstDays);
    }

    @Test
    void preferencesAreClaimedWithAProofOfOriginAndEveryItemIsFullyAssessedInYen() {
        org.smartcustoms.tariff.Assessor assessor = org.smartcustoms.tariff.DemoTariff.shared().assessor();
        List<Declaration> ds = TWO_THOUSAND.subList(0, 400).stream().map(GeneratedDeclaration::declaration).toList();
        assertThat(ds).allSatisfy(d -> {
            var a = assessor.assess(d);
            assertThat(a.total().currency()).isEqualTo("JPY");
        });
        List<GoodsItem> claimed = ds.stream().flatMap(d -> d.items().stream()).filter(i -> i.preferentialOriginCountry() != null).toList();
        assertThat(claimed).isNotEmpty().allSatisfy(i -> assertThat(i.additionalDocuments())
                .anySatisfy(doc -> assertThat(doc.typeCode()).isEqualTo("POO")));
        assertThat(claimed).extracting(i -> i.info(DemoWorldGenerator.TAX_TYPE)).contains("CPTPP", "RCEP", "JP-EU");
    }

    @Test
    void injectedFraudLeavesItsTraces() {
        List<GeneratedDeclaration> origin = TWO_THOUSAND.stream().filter(g -> GeneratedDeclaration.ORIGIN.equals(g.fraudType())).toList();
        assertThat(origin).allSatisfy(g -> assertThat(g.declaration().items()).extracting(GoodsItem::originCountry)
                .containsAnyOf("VN", "MY", "TH", "ID"));
        List<GeneratedDeclaration> honest = TWO_THOUSAND.stream().filter(g -> !g.label().fraud()).toList();
        List<GeneratedDeclaration> under = TWO_THOUSAND.stream().filter(g -> GeneratedDeclaration.UNDERVALUATION.equals(g.fraudType())).toList();
        assertThat(medianUsdPerKg(under)).isLessThan(medianUsdPerKg(honest));
    }

    @Test
    void kcsCsvHasExactlyTheKcsColumnsAndOneLinePerItem() throws IOException {
        List<GeneratedDeclaration> g = TWO_THOUSAND.subList(0, 200);
        String[] lines = kcs(g).split("\n");
        assertThat(lines[0]).isEqualTo("Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,"
                + "Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,"
                + "Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price,Fraud,Critical Fraud");
        long items = g.stream().mapToLong(x -> x.declaration().items().size()).sum();
        assertThat(lines).hasSize((int) items + 1);
        Declaration first = g.get(0).declaration();
        String[] f = lines[1].split(",", -1);
        assertThat(f).hasSize(22);
        assertThat(f[0]).startsWith(first.lrn());
        assertThat(f[1]).isEqualTo(first.declarationDate().toString());
        assertThat(f[7]).isIn("10", "40", "50");
        assertThat(f[2]).isEqualTo(first.officeId());
        assertThat(f[12]).isEqualTo(first.items().get(0).hs6());
        assertThat(f[20]).isEqualTo(g.get(0).label().fraud() ? "1" : "0");
        assertThat(java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",")[0])).doesNotHaveDuplicates();
    }

    @Test
    void jsonLinesCarryDeclarationLabelAndFraudType() throws IOException {
        List<GeneratedDeclaration> g = TWO_THOUSAND.subList(0, 100);
        String[] lines = json(g).split("\n");
        assertThat(lines).hasSize(100);
        ObjectMapper mapper = DemoWriters.mapper();
        for (int i = 0; i < lines.length; i++) {
            JsonNode node = mapper.readTree(lines[i]);
            assertThat(node.get("declaration").get("declarationDate").asText()).isEqualTo(g.get(i).declaration().declarationDate().toString());
            assertThat(node.get("label").get("fraud").asBoolean()).isEqualTo(g.get(i).label().fraud());
            assertThat(node.get("fraudType").isNull() || node.get("fraudType").asText().equals(g.get(i).fraudType())).isTrue();
            assertThat(mapper.readValue(lines[i], GeneratedDeclaration.class)).isEqualTo(g.get(i));
        }
    }

    @Test
    void missingNomenclatureFileFallsBackToTheBuiltInList(@org.junit.jupiter.api.io.TempDir Path dir) {
        DemoWorldGenerator generator = new DemoWorldGenerator(END, 30, dir.resolve("absent.csv"));
        assertThat(generator.usesNomenclatureFile()).isFalse();
        Set<String> builtIn = HsCatalogue.builtIn().stream().map(Commodity::hs6).collect(Collectors.toSet());
        assertThat(generator.generate(100, 1)).allSatisfy(g -> assertThat(g.declaration().items())
                .allSatisfy(i -> assertThat(builtIn).contains(i.hs6())));
    }

    static boolean isAeo(GeneratedDeclaration g) {
        return g.declaration().party(PartyRole.AUTHORISATION_HOLDER).isPresent();
    }

    static double rate(List<GeneratedDeclaration> l) {
        return l.isEmpty() ? 0 : l.stream().filter(x -> x.label().fraud()).count() / (double) l.size();
    }

    static double medianUsdPerKg(List<GeneratedDeclaration> l) {
        double[] v = l.stream().flatMap(g -> g.declaration().items().stream())
                .mapToDouble(i -> i.customsValue().amount().doubleValue() / i.netMassKg().doubleValue()).sorted().toArray();
        return v[v.length / 2];
    }

    static String kcs(List<GeneratedDeclaration> g) throws IOException {
        StringWriter w = new StringWriter();
        DemoWorldGenerator.writeKcsCsv(g, w);
        return w.toString();
    }

    static String json(List<GeneratedDeclaration> g) throws IOException {
        StringWriter w = new StringWriter();
        DemoWorldGenerator.writeJsonLines(g, w);
        return w.toString();
    }
}
