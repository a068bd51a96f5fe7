package org.smartcustoms.declaration.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;

class JsonLinesReaderTest {
    @Test
    void readsWhatTheGeneratorWritesBackToTheSameDeclarationsAndLabels() throws Exception {
        DemoWorldGenerator gen = new DemoWorldGenerator(LocalDate.of(2026, 11, 1), 100, null);
        List<GeneratedDeclaration> world = gen.stream(200, 11).toList();
        StringWriter w = new StringWriter();
        DemoWorldGenerator.writeJsonLines(world, w);
        List<BulkRow> rows = new ArrayList<>();
        long n = new JsonLinesReader().read(new StringReader(w.toString()), rows::add);
        assertThat(n).isEqualTo(200);
        DeclarationValidator validator = new DeclarationValidator(java.time.Clock.systemUTC(), null);
        for (int i = 0; i < rows.size(); i++) {
            BulkRow r = rows.get(i);
            assertThat(r.errors()).as("row " + (i + 1)).isEmpty();
            // equal up to the scale of decimals (4450.0 is read as 4.45E+3)
            assertThat(r.declaration()).usingRecursiveComparison()
                    .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                    .isEqualTo(world.get(i).declaration());
            assertThat(r.label()).isEqualTo(world.get(i).label());
            assertThat(validator.validate(r.declaration())).as("row " + (i + 1)).isEmpty();
        }
    }

    @Test
    void aBrokenLineRejectsOnlyThatRow() throws Exception {
        List<BulkRow> rows = new ArrayList<>();
        new JsonLinesReader().read(new StringReader("{not json\n\n[1]\n"), rows::add);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).errors().get(0).code()).isEqualTo("JSON_MALFORMED");
        assertThat(rows.get(1).errors().get(0).code()).isEqualTo("JSON_NOT_OBJECT");
        assertThat(rows.get(1).rowNumber()).isEqualTo(2);
    }
}
