package org.smartcustoms.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.testing.SharedData;

/** The generator against the real HS 2022 nomenclature: built-in codes exist, sampled codes validate. */
@Tag("shared-data")
class DemoWorldNomenclatureTest {
    static final LocalDate END = LocalDate.of(2026, 11, 22);

    static Set<String> hs6(Path csv) throws IOException {
        Set<String> codes = new HashSet<>();
        try (Reader r = Files.newBufferedReader(csv)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                if ("6".equals(rec.get("level"))) codes.add(rec.get("hscode"));
            }
        }
        return codes;
    }

    @Test
    void kcsCsvHeaderIsTheHeaderOfTheKcsDataSet() throws IOException {
        Path train = SharedData.require("kcs/train.csv");
        String header;
        try (java.io.BufferedReader r = Files.newBufferedReader(train)) {
            header = r.readLine();
        }
        java.io.StringWriter out = new java.io.StringWriter();
        DemoWorldGenerator.writeKcsCsv(new DemoWorldGenerator(END).generate(5, 3), out);
        assertThat(out.toString().lines().findFirst()).contains(header);
        assertThat(out.toString().lines().skip(1)).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(header.split(",").length));
    }

    @Test
    void builtInCommoditiesAreHs2022Subheadings() throws IOException {
        Set<String> known = hs6(SharedData.require("hs/harmonized-system.csv"));
        assertThat(known).hasSizeGreaterThan(5000);
        assertThat(HsCatalogue.builtIn()).extracting(Commodity::hs6).allSatisfy(c -> assertThat(known).contains(c));
        assertThat(HsCatalogue.builtIn()).hasSizeGreaterThanOrEqualTo(60).extracting(Commodity::hs6).doesNotHaveDuplicates();
    }

    @Test
    void worldSampledFromTheNomenclatureValidatesAgainstIt() throws IOException {
        Path csv = SharedData.require("hs/harmonized-system.csv");
        Set<String> known = hs6(csv);
        DemoWorldGenerator generator = new DemoWorldGenerator(END, 90, csv);
        assertThat(generator.usesNomenclatureFile()).isTrue();
        List<GeneratedDeclaration> g = generator.generate(1000, 11);
        DeclarationValidator validator = new DeclarationValidator(
                Clock.fixed(END.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC), known::contains);
        assertThat(g.stream().flatMap(x -> validator.validate(x.declaration()).stream())).isEmpty();
        Set<String> used = g.stream().flatMap(x -> x.declaration().items().stream()).map(GoodsItem::hs6).collect(Collectors.toSet());
        Set<String> builtIn = HsCatalogue.builtIn().stream().map(Commodity::hs6).collect(Collectors.toSet());
        assertThat(used).hasSizeGreaterThan(20).isNotEqualTo(builtIn);
        assertThat(g).extracting(GeneratedDeclaration::fraudType).contains(GeneratedDeclaration.MISCLASSIFICATION);
        assertThat(generator.generate(200, 11)).isEqualTo(generator.generate(200, 11));
    }
}
