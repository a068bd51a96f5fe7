package org.smartcustoms.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class FieldLabelsTest {

    @Test
    void pathsInWords() {
        assertThat(FieldLabels.label("items[0].statisticalValue.amount")).isEqualTo("Item 1 — statistical value");
        assertThat(FieldLabels.label("items[0].customsValue.amount")).isEqualTo("Item 1 — customs value");
        assertThat(FieldLabels.label("items[11].commodityCode")).isEqualTo("Item 12 — HS code");
        assertThat(FieldLabels.label("items[2]")).isEqualTo("Item 3");
        assertThat(FieldLabels.label("parties[IMPORTER].id")).isEqualTo("Importer id");
        assertThat(FieldLabels.label("parties[DECLARANT].country")).isEqualTo("Declarant country");
        assertThat(FieldLabels.label("declarationDate")).isEqualTo("Declaration date");
        assertThat(FieldLabels.label("transport.borderModeCode")).isEqualTo("Border transport mode");
        assertThat(FieldLabels.label("")).isEqualTo("Declaration");
        assertThat(FieldLabels.label("someNewField")).isEqualTo("Some new field");
    }

    @Test
    void everyPathTheValidatorReportsHasACataloguedLabel() {
        // a declaration wrong in as many places as possible: every reported path must have a catalogued field name
        Money zero = new Money(BigDecimal.ZERO, "XXQ");
        GoodsItem bad = new GoodsItem(0, "x".repeat(600), "12", "QQ", "QQ", new Quantity(BigDecimal.ZERO, "ZZZ"),
                BigDecimal.valueOf(-1), BigDecimal.valueOf(-2), zero, zero, "1", "4000", List.of(), null, List.of(), List.of(),
                List.of(), List.of());
        String longId = "P".repeat(80);
        Declaration d = new Declaration(FunctionCode.ORIGINAL, "L".repeat(40), new DeclarationType("IM", "A"), "O".repeat(40),
                LocalDate.of(1980, 1, 1), List.of(new Party(PartyRole.DECLARANT, longId, null, "QQ", null),
                new Party(PartyRole.EXPORTER, longId, null, "QQ", null)),
                new Transport("9", "9", "QQ", null, null, null, null, "QQ", null), null, zero, null, null, List.of(),
                List.of(bad));
        List<Violation> v = new DeclarationValidator(Clock.systemUTC(), c -> false).validate(d);
        assertThat(v).isNotEmpty();
        for (Violation x : v) {
            String field = x.path().replaceFirst("^(items\\[\\d+]|parties\\[[A-Z_]+])\\.?", "");
            if (field.isEmpty()) continue;
            assertThat(FieldLabels.FIELDS.containsKey(field) || FieldLabels.FIELDS.containsKey(field.substring(field.lastIndexOf('.') + 1)))
                    .as("label for %s", x.path()).isTrue();
        }
    }
}
