package org.smartcustoms.declaration.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Transport;
import org.smartcustoms.declaration.Violation;

class DeclarationJsonTest {
    private final DeclarationJson json = new DeclarationJson();

    private static byte[] example() throws IOException {
        try (InputStream in = DeclarationJsonTest.class.getResourceAsStream("declaration-import.json")) {
            return in.readAllBytes();
        }
    }

    private Violation rejected(String text) {
        InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> json.read(text));
        assertThat(e).as("expected rejection of " + text).isNotNull();
        return e.violations().get(0);
    }

    @Test
    void readsTheExampleDeclaration() throws IOException {
        Declaration d = json.read(example());
        assertThat(d.lrn()).isEqualTo("ACME-2026-000417");
        assertThat(d.type()).isEqualTo(new DeclarationType("IM", "A"));
        assertThat(d.declarationDate()).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(d.parties()).extracting(Party::role).contains(PartyRole.values());
        assertThat(d.party(PartyRole.AUTHORISATION_HOLDER).orElseThrow().category()).isEqualTo("DPO");
        assertThat(d.invoiceAmount()).isEqualTo(new Money(new BigDecimal("48250.00"), "USD"));
        assertThat(d.transport().meansId()).isEqualTo("9778791");
        assertThat(d.items()).extracting(GoodsItem::commodityCode).containsExactly("8516108000", "8516720000");
        assertThat(d.items().get(0).quantity()).isEqualTo(new Quantity(new BigDecimal("2400"), "NAR"));
        assertThat(d.items().get(1).preferentialOriginCountry()).isEqualTo("VN");
        assertThat(d.items().get(0).packaging().get(0).quantity()).isEqualTo(400);
    }

    @Test
    void documentedExampleIsTheTestedOne() throws IOException {
        java.nio.file.Path doc = null;
        for (java.nio.file.Path d = java.nio.file.Path.of("").toAbsolutePath(); d != null && doc == null; d = d.getParent()) {
            java.nio.file.Path candidate = d.resolve("docs/examples/declaration-import.json");
            if (java.nio.file.Files.exists(candidate)) doc = candidate;
        }
        assertThat(doc).as("docs/examples/declaration-import.json above the working directory").isNotNull();
        assertThat(java.nio.file.Files.readAllBytes(doc)).isEqualTo(example());
    }

    @Test
    void roundTripsThroughItsOwnOutput() throws IOException {
        Declaration original = json.read(example());
        byte[] written = json.write(original);
        Declaration again = json.read(written);
        assertThat(again).isEqualTo(original);
        assertThat(json.write(again)).isEqualTo(written);
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).contains("\"declarationDate\":\"2026-03-16\"").contains("\"amount\":48250.00")
                .doesNotContain("amendment").doesNotContain("\"import\"").doesNotContain("totalItemValue");
    }

    @Test
    void streamedOutputIsTheSameBytesAndLeavesTheStreamOpen() throws IOException {
        Declaration original = json.read(example());
        boolean[] closed = {false};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {
            @Override public void close() { closed[0] = true; }
        };
        out.write('<');
        json.write(original, out);
        out.write('>');
        assertThat(closed[0]).isFalse();
        byte[] expected = json.write(original);
        byte[] streamed = out.toByteArray();
        assertThat(java.util.Arrays.copyOfRange(streamed, 1, streamed.length - 1)).isEqualTo(expected);
        assertThat(streamed[streamed.length - 1]).isEqualTo((byte) '>');
    }

    @Test
    void roundTripsAMinimalDeclarationWithDefaults() {
        Declaration minimal = new Declaration(null, "L-1", null, null, null, null, null, null, null, null, null, null,
                List.of(GoodsItem.simple(1, "Widgets", "8479899790", "CN", null, new BigDecimal("1.5"), Money.of("10", "EUR"))));
        assertThat(json.read(json.write(minimal))).isEqualTo(minimal);
        assertThat(json.read(json.write(minimal)).transport()).isEqualTo(Transport.NONE);
    }

    @Test
    void acceptsTheTypeAsCombinedString() {
        Declaration d = json.read("{\"lrn\":\"X\",\"type\":\"IMA\"}");
        assertThat(d.type()).isEqualTo(new DeclarationType("IM", "A"));
        assertThat(json.read("{\"type\":\"ex\"}").type()).isEqualTo(new DeclarationType("EX", null));
        assertThat(json.read("{\"type\":{\"code\":\"EX\"}}").type().isExport()).isTrue();
    }

    @Test
    void toleratesNullAndMissingLists() {
        Declaration d = json.read("{\"lrn\":\"X\",\"parties\":null,\"items\":[{\"sequence\":1,\"additionalProcedures\":null}]}");
        assertThat(d.parties()).isEmpty();
        assertThat(d.additionalDocuments()).isEmpty();
        assertThat(d.items().get(0).additionalProcedures()).isEmpty();
        assertThat(d.items().get(0).packaging()).isEmpty();
    }

    @Test
    void unknownFieldsAreNamedWithTheirPath() {
        Violation top = rejected("{\"lrn\":\"X\",\"colour\":\"red\"}");
        assertThat(top.code()).isEqualTo("JSON_UNKNOWN_FIELD");
        assertThat(top.path()).isEqualTo("colour");

        Violation nested = rejected("{\"items\":[{\"sequence\":1},{\"sequence\":2,\"hsCode\":\"12\"}]}");
        assertThat(nested.code()).isEqualTo("JSON_UNKNOWN_FIELD");
        assertThat(nested.path()).isEqualTo("items[1].hsCode");
        assertThat(nested.message()).contains("hsCode").contains("commodityCode");

        Violation inType = rejected("{\"type\":{\"code\":\"IM\",\"flavour\":\"A\"}}");
        assertThat(inType.code()).isEqualTo("JSON_UNKNOWN_FIELD");
        assertThat(inType.path()).isEqualTo("type.flavour");
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        Violation v = rejected("{\n  \"lrn\": \"X\",\n  \"items\": [ }");
        assertThat(v.code()).isEqualTo("JSON_MALFORMED");
        assertThat(v.message()).contains("line 3");
        assertThat(rejected("").code()).isEqualTo("JSON_MALFORMED");
        assertThat(rejected("[1,2]").message()).contains("expected a JSON object");
        assertThat(rejected("{\"lrn\":\"X\"} {\"lrn\":\"Y\"}").code()).isEqualTo("JSON_MALFORMED");
    }

    @Test
    void typeMismatchesCarryTheJsonPath() {
        Violation mass = rejected("{\"items\":[{\"sequence\":1,\"netMassKg\":\"abc\"}]}");
        assertThat(mass.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(mass.path()).isEqualTo("items[0].netMassKg");
        assertThat(mass.message()).contains("\"abc\"").contains("number");

        Violation date = rejected("{\"declarationDate\":\"16/03/2026\"}");
        assertThat(date.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(date.path()).isEqualTo("declarationDate");

        Violation sequence = rejected("{\"items\":[{\"sequence\":1.5}]}");
        assertThat(sequence.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(sequence.path()).isEqualTo("items[0].sequence");

        Violation role = rejected("{\"parties\":[{\"role\":\"SMUGGLER\",\"id\":\"X\"}]}");
        assertThat(role.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(role.path()).isEqualTo("parties[0].role");

        Violation list = rejected("{\"items\":{\"sequence\":1}}");
        assertThat(list.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(list.path()).isEqualTo("items");

        Violation missingAmount = rejected("{\"invoiceAmount\":{\"currency\":\"USD\"}}");
        assertThat(missingAmount.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(missingAmount.path()).isEqualTo("invoiceAmount");
        assertThat(missingAmount.message()).contains("amount");

        Violation nullEntry = rejected("{\"items\":[{\"sequence\":1},null]}");
        assertThat(nullEntry.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(nullEntry.path()).isEqualTo("items[1]");

        Violation missingSequence = rejected("{\"items\":[{\"description\":\"x\"}]}");
        assertThat(missingSequence.path()).isEqualTo("items[0].sequence");

        Violation huge = rejected("{\"items\":[{\"sequence\":1,\"grossMassKg\":1e999999999}]}");
        assertThat(huge.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(huge.path()).isEqualTo("items[0].grossMassKg");
        assertThat(huge.message()).contains("out of range");

        Violation badType = rejected("{\"type\":\"IMPORT\"}");
        assertThat(badType.code()).isEqualTo("JSON_BAD_VALUE");
        assertThat(badType.path()).isEqualTo("type");
        assertThat(rejected("{\"type\":{\"additionalType\":\"A\"}}").path()).isEqualTo("type");
    }

    @Test
    void enforcesTheSizeLimitWhileReading() {
        DeclarationJson small = new DeclarationJson(1024);
        byte[] head = "{\"lrn\":\"".getBytes(StandardCharsets.UTF_8);
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                long i = served[0]++;
                return i < head.length ? head[(int) i] : 'x';
            }
        };
        InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> small.read(endless));
        assertThat(e.violations().get(0).code()).isEqualTo("JSON_TOO_LARGE");
        assertThat(served[0]).isLessThanOrEqualTo(1024 + 16 * 1024);

        byte[] big = ("{\"lrn\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(InvalidDeclarationException.class, () -> small.read(big))
                .violations().get(0).code()).isEqualTo("JSON_TOO_LARGE");
        assertThat(catchThrowableOfType(InvalidDeclarationException.class, () -> small.read(new ByteArrayInputStream(big)))
                .violations().get(0).code()).isEqualTo("JSON_TOO_LARGE");
    }

    @Test
    void mapperCopyIsConfiguredLikeTheReader() throws IOException {
        Declaration d = json.mapper().readValue("{\"type\":\"COA\"}", Declaration.class);
        assertThat(d.type()).isEqualTo(new DeclarationType("CO", "A"));
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsPath() {
        assertThatThrownBy(() -> json.read("{\"lrn\":\"A\",\"lrn\":\"B\"}"))
                .isInstanceOfSatisfying(InvalidDeclarationException.class, e -> {
                    assertThat(e.violations().get(0).code()).isEqualTo("JSON_DUPLICATE_KEY");
                    assertThat(e.violations().get(0).path()).isEqualTo("lrn");
                });
        assertThatThrownBy(() -> json.read("{\"lrn\":\"A\",\"items\":[{\"sequence\":1},{\"sequence\":2,\"sequence\":3}]}"))
                .isInstanceOfSatisfying(InvalidDeclarationException.class,
                        e -> assertThat(e.violations().get(0).path()).isEqualTo("items[1].sequence"));
    }

    @Test
    void parserLimitsAreReportedWithoutItsInternals() {
        for (String body : List.of("{\"transport\": " + "{\"a\": ".repeat(2000) + "1" + "}".repeat(2001), "{\"items\":[{\"netMassKg\": " + "9".repeat(5000) + "}]}")) {
            assertThatThrownBy(() -> json.read(body)).isInstanceOfSatisfying(InvalidDeclarationException.class, e -> {
                assertThat(e.violations().get(0).code()).isEqualTo("JSON_TOO_COMPLEX");
                assertThat(e.getMessage()).doesNotContain("StreamReadConstraints").doesNotContain("`");
            });
        }
    }

    @Test
    void stringsThatAreNotTextAreRefusedWithTheirPath() {
        for (String bad : List.of("\\u0000", "\\uD800", "\\uDC00x")) {
            assertThatThrownBy(() -> json.read("{\"lrn\":\"A\",\"items\":[{\"sequence\":1,\"description\":\"x" + bad + "\"}]}"))
                    .as(bad).isInstanceOfSatisfying(InvalidDeclarationException.class, e -> {
                        assertThat(e.violations().get(0).code()).isEqualTo("JSON_BAD_VALUE");
                        assertThat(e.violations().get(0).path()).isEqualTo("items[0].description");
                    });
        }
        assertThat(json.read("{\"lrn\":\"A\",\"items\":[{\"sequence\":1,\"description\":\"Toys \\uD83E\\uDDF8\"}]}")
                .items().get(0).description()).isEqualTo("Toys \uD83E\uDDF8");
    }
}
