package org.smartcustoms.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeclarationValidatorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    static final Set<String> KNOWN_HS = Set.of("847130", "610910", "090111");
    static final DeclarationValidator VALIDATOR = new DeclarationValidator(CLOCK, KNOWN_HS::contains);

    static GoodsItem item(int seq, String hs) {
        return new GoodsItem(seq, "Portable computers", hs, "CN", null,
                new Quantity(new BigDecimal("10"), "NAR"), new BigDecimal("20.5"), new BigDecimal("25"),
                Money.of("5000", "USD"), Money.of("5200", "USD"), "1", "4000", List.of(), null,
                List.of(), List.of(), List.of(), List.of());
    }

    /** Minimal valid import: the fixture every rule test mutates. */
    static Declaration valid() {
        return new Declaration(FunctionCode.ORIGINAL, "LRN-2026-0001", DeclarationType.parse("IMA"), "KR000040",
                LocalDate.of(2026, 11, 20),
                List.of(new Party(PartyRole.IMPORTER, "KR1234567", "Hanbit Trading", "KR"),
                        new Party(PartyRole.SELLER, null, "Shenzhen Electronics", "CN")),
                new Transport("1", null, "PA", "IMO9321483", null, "CNSHA", "KRPUS", "CN", "1"),
                null, Money.of("10000", "USD"), "FOB", null, List.of(),
                List.of(item(1, "84713000"), item(2, "610910")));
    }

    static Declaration withItem(Declaration d, int index, UnaryOperator<GoodsItem> change) {
        List<GoodsItem> items = new ArrayList<>(d.items());
        items.set(index, change.apply(items.get(index)));
        return d.withItems(items);
    }

    static GoodsItem copy(GoodsItem i, String description, String hs, String origin, Quantity q, BigDecimal net,
                          BigDecimal gross, Money stat, Money customs) {
        return new GoodsItem(i.sequence(), description, hs, origin, i.preferentialOriginCountry(), q, net, gross, stat,
                customs, i.valuationMethod(), i.procedureCode(), i.additionalProcedures(), i.preferenceCode(),
                i.previousDocuments(), i.additionalDocuments(), i.packaging(), i.additionalInformation());
    }

    static Declaration header(FunctionCode function, String lrn, DeclarationType type, LocalDate date, List<Party> parties,
                              Transport transport, Money invoice, String ref, List<GoodsItem> items) {
        Declaration v = valid();
        return new Declaration(function, lrn, type, v.officeId(), date, parties, transport, null, invoice,
                v.deliveryTerms(), ref, List.of(), items);
    }

    @Test
    void validFixturePassesWithZeroViolations() {
        assertThat(VALIDATOR.validate(valid())).isEmpty();
        assertThat(VALIDATOR.requireValid(valid())).isEqualTo(valid());
    }

    static Stream<Arguments> violations() {
        Declaration v = valid();
        GoodsItem i0 = v.items().get(0);
        return Stream.of(
                Arguments.of("REFERENCE_REQUIRED", "referencedId",
                        header(FunctionCode.AMENDMENT, v.lrn(), v.type(), v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("REFERENCE_REQUIRED", "referencedId",
                        header(FunctionCode.CANCELLATION, v.lrn(), v.type(), v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("LRN_REQUIRED", "lrn",
                        header(FunctionCode.ORIGINAL, " ", v.type(), v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("LRN_LENGTH", "lrn",
                        header(FunctionCode.ORIGINAL, "L".repeat(36), v.type(), v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("TYPE_CODE", "type",
                        header(FunctionCode.ORIGINAL, v.lrn(), null, v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("TYPE_CODE", "type",
                        header(FunctionCode.ORIGINAL, v.lrn(), DeclarationType.parse("XX"), v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("TYPE_CODE", "type",
                        header(FunctionCode.ORIGINAL, v.lrn(), new DeclarationType("IM", "A1"), v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("DECLARATION_DATE_REQUIRED", "declarationDate",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), null, v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("DECLARATION_DATE_RANGE", "declarationDate",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), LocalDate.of(2026, 11, 25), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("DECLARATION_DATE_RANGE", "declarationDate",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), LocalDate.of(1989, 12, 31), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("FIELD_LENGTH", "officeId",
                        new Declaration(FunctionCode.ORIGINAL, v.lrn(), v.type(), "X".repeat(33), v.declarationDate(), v.parties(), v.transport(),
                                null, v.invoiceAmount(), null, null, List.of(), v.items())),
                Arguments.of("FIELD_LENGTH", "parties[IMPORTER].id",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(), List.of(new Party(PartyRole.IMPORTER, "K".repeat(65), null, "KR")),
                                v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("TEXT_CHARACTERS", "items[0].description",
                        withItem(v, 0, i -> copy(i, "Laptops \u202E", i.commodityCode(), "CN", i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("TEXT_CHARACTERS", "lrn",
                        header(FunctionCode.ORIGINAL, "LR\u0000N", v.type(), v.declarationDate(), v.parties(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("ITEMS_REQUIRED", "items", v.withItems(List.of())),
                Arguments.of("ITEMS_MAX", "items",
                        v.withItems(IntStream.rangeClosed(1, 1000).mapToObj(n -> item(n, "610910")).toList())),
                Arguments.of("ITEM_SEQUENCE", "items[1].sequence", v.withItems(List.of(item(1, "610910"), item(1, "610910")))),
                Arguments.of("ITEM_SEQUENCE", "items[0].sequence", v.withItems(List.of(item(0, "610910")))),
                Arguments.of("IMPORTER_REQUIRED", "parties[IMPORTER].id",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(), List.of(new Party(PartyRole.IMPORTER, null, "No Id Ltd", "KR")),
                                v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("EXPORTER_REQUIRED", "parties[EXPORTER].id",
                        header(FunctionCode.ORIGINAL, v.lrn(), DeclarationType.parse("EX"), v.declarationDate(), List.of(), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("PARTY_COUNTRY", "parties[SELLER].country",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(),
                                List.of(v.parties().get(0), new Party(PartyRole.SELLER, null, "X", "XZ")), v.transport(), v.invoiceAmount(), null, v.items())),
                Arguments.of("TRANSPORT_COUNTRY", "transport.departureCountry",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(), v.parties(),
                                new Transport("1", null, "PA", null, null, null, null, "CHN", null), v.invoiceAmount(), null, v.items())),
                Arguments.of("TRANSPORT_COUNTRY", "transport.nationality",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(), v.parties(),
                                new Transport("1", null, "P1", null, null, null, null, "CN", null), v.invoiceAmount(), null, v.items())),
                Arguments.of("TRANSPORT_MODE", "transport.borderModeCode",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(), v.parties(),
                                new Transport("10", null, null, null, null, null, null, "CN", null), v.invoiceAmount(), null, v.items())),
                Arguments.of("CURRENCY_CODE", "invoiceAmount.currency",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(), v.parties(), v.transport(), Money.of("1", "USX"), null, v.items())),
                Arguments.of("CURRENCY_CODE", "items[0].customsValue.currency",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), i.originCountry(), i.quantity(), i.netMassKg(),
                                i.grossMassKg(), i.statisticalValue(), new Money(BigDecimal.TEN, null)))),
                Arguments.of("VALUE_POSITIVE", "invoiceAmount.amount",
                        header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(), v.parties(), v.transport(), Money.of("0", "USD"), null, v.items())),
                Arguments.of("VALUE_POSITIVE", "items[1].statisticalValue.amount",
                        withItem(v, 1, i -> copy(i, i.description(), i.commodityCode(), i.originCountry(), i.quantity(), i.netMassKg(),
                                i.grossMassKg(), Money.of("-3", "USD"), i.customsValue()))),
                Arguments.of("HS_CODE_REQUIRED", "items[0].commodityCode",
                        withItem(v, 0, i -> copy(i, i.description(), null, "CN", i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("HS_CODE_FORMAT", "items[0].commodityCode", withItem(v, 0, i -> item(1, "8471"))),
                Arguments.of("HS_CODE_FORMAT", "items[0].commodityCode", withItem(v, 0, i -> item(1, "84713000001"))),
                Arguments.of("HS_CODE_FORMAT", "items[0].commodityCode", withItem(v, 0, i -> item(1, "8471A0"))),
                Arguments.of("HS_CODE_UNKNOWN", "items[0].commodityCode", withItem(v, 0, i -> item(1, "99999900"))),
                Arguments.of("DESCRIPTION_REQUIRED", "items[0].description",
                        withItem(v, 0, i -> copy(i, "  ", i.commodityCode(), "CN", i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("DESCRIPTION_LENGTH", "items[0].description",
                        withItem(v, 0, i -> copy(i, "d".repeat(513), i.commodityCode(), "CN", i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("ORIGIN_REQUIRED", "items[0].originCountry",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), null, i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("ORIGIN_COUNTRY", "items[0].originCountry",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), "UK", i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("VALUE_REQUIRED", "items[0].customsValue",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), "CN", i.quantity(), i.netMassKg(), i.grossMassKg(), null, null))),
                Arguments.of("QUANTITY_UNIT", "items[0].quantity.unit",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), "CN", new Quantity(BigDecimal.ONE, "KG"), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                // a missing unit is only an error when no commodity code implies the tariff's supplementary unit
                Arguments.of("QUANTITY_UNIT", "items[0].quantity.unit",
                        withItem(v, 0, i -> copy(i, i.description(), null, "CN", new Quantity(BigDecimal.ONE, null), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("QUANTITY_POSITIVE", "items[0].quantity.value",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), "CN", new Quantity(BigDecimal.ZERO, "NAR"), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("MASS_POSITIVE", "items[0].netMassKg",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), "CN", i.quantity(), new BigDecimal("-1"), i.grossMassKg(), i.statisticalValue(), i.customsValue()))),
                Arguments.of("MASS_GROSS_NET", "items[0].grossMassKg",
                        withItem(v, 0, i -> copy(i, i.description(), i.commodityCode(), "CN", i.quantity(), new BigDecimal("30"), new BigDecimal("29.9"), i.statisticalValue(), i.customsValue()))));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("violations")
    void eachRuleReportsItsCodeAtItsPath(String code, String path, Declaration d) {
        List<Violation> found = VALIDATOR.validate(d);
        assertThat(found).extracting(Violation::code, Violation::path).contains(org.assertj.core.groups.Tuple.tuple(code, path));
        assertThat(found).allSatisfy(x -> assertThat(x.message()).isNotBlank());
    }

    @Test
    void everyRuleIsExercisedByTheViolationTable() {
        Set<String> tested = violations().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(tested).containsExactlyInAnyOrderElementsOf(VALIDATOR.rules().stream().map(ValidationRule::code).toList());
    }

    @Test
    void rulesHaveUniqueCodesAndDescriptions() {
        List<String> codes = VALIDATOR.rules().stream().map(ValidationRule::code).toList();
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(VALIDATOR.rules()).allSatisfy(r -> assertThat(r.description()).isNotBlank());
        assertThat(VALIDATOR.rules()).filteredOn(r -> r.code().equals("ORIGIN_REQUIRED"))
                .singleElement().satisfies(r -> assertThat(r.declarationTypes()).containsExactly("IM"));
    }

    @Test
    void reportsAllViolationsAtOnce() {
        Declaration v = valid();
        Declaration bad = header(FunctionCode.AMENDMENT, null, v.type(), LocalDate.of(1980, 1, 1), List.of(), v.transport(),
                Money.of("10", "ZZZ"), null, List.of(item(1, "12")));
        assertThat(VALIDATOR.validate(bad)).extracting(Violation::code)
                .contains("REFERENCE_REQUIRED", "LRN_REQUIRED", "DECLARATION_DATE_RANGE", "IMPORTER_REQUIRED",
                        "CURRENCY_CODE", "HS_CODE_FORMAT");
        assertThatThrownBy(() -> VALIDATOR.requireValid(bad)).isInstanceOf(InvalidDeclarationException.class)
                .satisfies(e -> assertThat(((InvalidDeclarationException) e).violations()).hasSizeGreaterThanOrEqualTo(6));
    }

    @Test
    void typeSpecificRulesOnlyRunForTheirTypes() {
        Declaration v = valid();
        // an export without origin, values or importer is fine as long as the exporter is known
        GoodsItem bare = new GoodsItem(1, "Machine parts", "847330", null, null, null, null, null, null, null,
                null, "1000", null, null, null, null, null, null);
        Declaration export = header(FunctionCode.ORIGINAL, "EXP-1", DeclarationType.parse("EXA"), v.declarationDate(),
                List.of(new Party(PartyRole.EXPORTER, "KR7654321", null, "KR")), Transport.NONE, null, null, List.of(bare));
        assertThat(new DeclarationValidator(CLOCK, null).validate(export)).isEmpty();
        // the declarant's id satisfies the import party rule
        Declaration viaDeclarant = header(FunctionCode.ORIGINAL, v.lrn(), v.type(), v.declarationDate(),
                List.of(new Party(PartyRole.DECLARANT, "BROKER1", null, null)), v.transport(), v.invoiceAmount(), null, v.items());
        assertThat(VALIDATOR.validate(viaDeclarant)).isEmpty();
    }

    @Test
    void dateRuleUsesTheInjectedClock() {
        Declaration tomorrow = header(FunctionCode.ORIGINAL, "L1", valid().type(), LocalDate.of(2026, 11, 24), valid().parties(),
                valid().transport(), valid().invoiceAmount(), null, valid().items());
        assertThat(VALIDATOR.validate(tomorrow)).isEmpty();
        DeclarationValidator earlier = new DeclarationValidator(Clock.offset(CLOCK, java.time.Duration.ofDays(-2)), null);
        assertThat(earlier.validate(tomorrow)).extracting(Violation::code).containsExactly("DECLARATION_DATE_RANGE");
    }

    @Test
    void withoutNomenclatureTheExistenceRuleIsAbsent() {
        DeclarationValidator noNomenclature = new DeclarationValidator(CLOCK, null);
        assertThat(noNomenclature.rules()).extracting(ValidationRule::code).doesNotContain("HS_CODE_UNKNOWN");
        assertThat(noNomenclature.validate(withItem(valid(), 0, i -> item(1, "99999900")))).isEmpty();
    }

    // ------------------------------------------------------------ reduced data sets (additional type, procedure)

    static Declaration typed(String type, GoodsItem item) {
        Declaration v = valid();
        return header(FunctionCode.ORIGINAL, v.lrn(), DeclarationType.parse(type), v.declarationDate(), v.parties(), v.transport(),
                v.invoiceAmount(), null, List.of(item));
    }

    static GoodsItem procedures(GoodsItem i, String procedure, List<String> additional) {
        return new GoodsItem(i.sequence(), i.description(), i.commodityCode(), i.originCountry(), i.preferentialOriginCountry(),
                i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue(), i.valuationMethod(),
                procedure, additional, i.preferenceCode(), i.previousDocuments(), i.additionalDocuments(), i.packaging(),
                i.additionalInformation());
    }

    static List<String> codes(Declaration d) {
        return VALIDATOR.validate(d).stream().map(Violation::code).toList();
    }

    @Test
    void commodityCodeAndDescriptionMayBeDeferredOnlyOnJKQDeclarations() {
        GoodsItem bare = copy(item(1, "610910"), null, null, "CN", null, null, null, Money.of("1", "GBP"), null);
        for (String type : List.of("IMJ", "IMK", "IMQ", "EXK", "EXJ")) {
            assertThat(codes(typed(type, bare))).as(type).doesNotContain("HS_CODE_REQUIRED", "DESCRIPTION_REQUIRED");
        }
        // the description stays mandatory on every other category, simplified ones included
        for (String type : List.of("IM", "IMA", "IMD", "IMB", "IMC", "IME", "IMF", "IMY", "IMZ", "IMX", "EXA", "EXD", "EXB", "EXC")) {
            assertThat(codes(typed(type, bare))).as(type).contains("DESCRIPTION_REQUIRED");
        }
    }

    // ------------------------------------------------------------ completion rules per declaration category

    /** An import item for release for free circulation (4000) missing exactly the given elements. */
    static GoodsItem missing(boolean hs, boolean origin, boolean value) {
        GoodsItem i = item(1, "610910");
        return copy(i, i.description(), hs ? null : "610910", origin ? null : "CN", new Quantity(BigDecimal.TEN, "NAR"),
                i.netMassKg(), i.grossMassKg(), value ? null : i.statisticalValue(), value ? null : i.customsValue());
    }

    /**
     * Per additional declaration type: may the commodity code, the origin, the customs value be absent? The UCC
     * Annex B / UK CDS column logic: simplified (B, C, E, F) without commodity code and value, pre-lodged (D, E,
     * F) without origin, J/K/Q deferred goods data; A and the supplementary X, Y, Z need everything.
     */
    static Stream<Arguments> categories() {
        return Stream.of(
                Arguments.of("A", false, false, false),
                Arguments.of("B", true, false, true),
                Arguments.of("C", true, false, true),
                Arguments.of("D", false, true, false),
                Arguments.of("E", true, true, true),
                Arguments.of("F", true, true, true),
                Arguments.of("J", true, true, true),
                Arguments.of("K", true, true, true),
                Arguments.of("X", false, false, false),
                Arguments.of("Y", false, false, false),
                Arguments.of("Z", false, false, false));
    }

    @ParameterizedTest(name = "IM{0}: commodity code optional {1}, origin optional {2}, value optional {3}")
    @MethodSource("categories")
    void completionRulesFollowTheDeclarationCategory(String additional, boolean hsOptional, boolean originOptional,
                                                      boolean valueOptional) {
        String type = "IM" + additional;
        assertThat(codes(typed(type, missing(false, false, false)))).as(type + " complete").isEmpty();
        assertRule(type, missing(true, false, false), "HS_CODE_REQUIRED", hsOptional);
        assertRule(type, missing(false, true, false), "ORIGIN_REQUIRED", originOptional);
        assertRule(type, missing(false, false, true), "VALUE_REQUIRED", valueOptional);
        // the table in the validator says the same as this test
        Set<DeclarationValidator.ItemElement> absent = DeclarationValidator.MAY_BE_ABSENT.getOrDefault(additional, Set.of());
        assertThat(absent.contains(DeclarationValidator.ItemElement.COMMODITY_CODE)).isEqualTo(hsOptional);
        assertThat(absent.contains(DeclarationValidator.ItemElement.ORIGIN)).isEqualTo(originOptional);
        assertThat(absent.contains(DeclarationValidator.ItemElement.CUSTOMS_VALUE)).isEqualTo(valueOptional);
    }

    private static void assertRule(String type, GoodsItem item, String code, boolean optional) {
        List<String> found = codes(typed(type, item));
        if (optional) assertThat(found).as(type + " without the element").isEmpty();
        else assertThat(found).as(type + " without the element").containsExactly(code);
    }

    @Test
    void simplifiedExportWithoutCommodityCodeIsAcceptedButAStandardOneIsNot() {
        GoodsItem noCode = copy(item(1, "610910"), "T-shirts of cotton", null, null, new Quantity(BigDecimal.TEN, "NAR"),
                null, null, Money.of("1", "GBP"), null);
        noCode = procedures(noCode, "1040", List.of("000"));
        Declaration v = valid();
        for (String type : List.of("EXB", "EXC", "EXE", "EXF")) {
            Declaration d = new Declaration(FunctionCode.ORIGINAL, "LRN-EX", DeclarationType.parse(type), v.officeId(), v.declarationDate(),
                    List.of(new Party(PartyRole.EXPORTER, "GB123456789000", null, "GB")), v.transport(), null, null, null,
                    null, List.of(), List.of(noCode));
            assertThat(VALIDATOR.validate(d)).as(type).isEmpty();
        }
        Declaration standard = new Declaration(FunctionCode.ORIGINAL, "LRN-EX", DeclarationType.parse("EXA"), v.officeId(), v.declarationDate(),
                List.of(new Party(PartyRole.EXPORTER, "GB123456789000", null, "GB")), v.transport(), null, null, null,
                null, List.of(), List.of(noCode));
        assertThat(codes(standard)).containsExactly("HS_CODE_REQUIRED");
        assertThat(codes(new Declaration(FunctionCode.ORIGINAL, "LRN-EX", DeclarationType.parse("EXD"), v.officeId(), v.declarationDate(),
                standard.parties(), v.transport(), null, null, null, null, List.of(), List.of(noCode))))
                .as("pre-lodged standard still needs the commodity code").containsExactly("HS_CODE_REQUIRED");
    }

    @Test
    void simplifiedWithoutCommodityCodeStillNeedsADescriptionAndAUnit() {
        GoodsItem bare = copy(item(1, "610910"), null, null, "CN", new Quantity(BigDecimal.TEN, null), null, null,
                Money.of("1", "GBP"), null);
        assertThat(codes(typed("IMB", bare))).containsExactlyInAnyOrder("DESCRIPTION_REQUIRED", "QUANTITY_UNIT");
    }

    @Test
    void valuationByUnitPriceNeedsNoCustomsValueOnAStandardDeclaration() {
        GoodsItem noValue = missing(false, false, true);
        assertThat(codes(typed("IMA", noValue))).containsExactly("VALUE_REQUIRED");
        GoodsItem unitPrice = new GoodsItem(1, noValue.description(), noValue.commodityCode(), noValue.originCountry(), null,
                noValue.quantity(), noValue.netMassKg(), noValue.grossMassKg(), null, null, "1SV", "4000", List.of(), null,
                List.of(), List.of(), List.of(), List.of());
        assertThat(codes(typed("IMA", unitPrice))).as("valuation method 1SV").isEmpty();
        assertThat(codes(typed("IMA", procedures(noValue, "4000", List.of("1SV"))))).as("additional procedure 1SV").isEmpty();
        assertThat(codes(typed("IMA", procedures(noValue, "4000", List.of("1SP"))))).as("another code").containsExactly("VALUE_REQUIRED");
    }

    @Test
    void theKcsDataSetNeedsNoDescriptionButAnHsCode() {
        List<AdditionalInformation> kcs = List.of(new AdditionalInformation(DeclarationValidator.DATA_SET, "KCS"));
        GoodsItem i = item(1, "610910");
        GoodsItem noDescription = new GoodsItem(1, null, "610910", "CN", null, i.quantity(), i.netMassKg(), i.grossMassKg(),
                i.statisticalValue(), i.customsValue(), null, "1121", List.of(), null, List.of(), List.of(), List.of(), kcs);
        assertThat(codes(typed("IM", noDescription))).isEmpty();
        GoodsItem neither = new GoodsItem(1, null, null, "CN", null, i.quantity(), i.netMassKg(), i.grossMassKg(),
                i.statisticalValue(), i.customsValue(), null, "1121", List.of(), null, List.of(), List.of(), List.of(), kcs);
        assertThat(codes(typed("IM", neither))).containsExactlyInAnyOrder("HS_CODE_REQUIRED", "DESCRIPTION_REQUIRED");
        assertThat(codes(typed("IMB", neither))).as("no description and no code: the goods are not identified")
                .containsExactly("DESCRIPTION_REQUIRED");
        GoodsItem otherSet = new GoodsItem(1, null, "610910", "CN", null, i.quantity(), i.netMassKg(), i.grossMassKg(),
                i.statisticalValue(), i.customsValue(), null, "4000", List.of(), null, List.of(), List.of(), List.of(),
                List.of(new AdditionalInformation(DeclarationValidator.DATA_SET, "OTHER")));
        assertThat(codes(typed("IMA", otherSet))).containsExactly("DESCRIPTION_REQUIRED");
    }

    @Test
    void originIsNotRequiredUnderTheH7LowValueDataSetOrWhenPreferentialOriginIsStated() {
        GoodsItem noOrigin = copy(item(1, "610910"), "T-shirts", "610910", null, null, null, null, Money.of("1", "GBP"), null);
        assertThat(codes(typed("IMA", noOrigin))).contains("ORIGIN_REQUIRED");
        assertThat(codes(typed("IMA", procedures(noOrigin, "4000", List.of("1H7", "C07"))))).doesNotContain("ORIGIN_REQUIRED");
        assertThat(codes(typed("IMA", procedures(noOrigin, "4000", List.of("C07"))))).contains("ORIGIN_REQUIRED");
        GoodsItem preferential = new GoodsItem(1, "T-shirts", "610910", null, "TN", null, null, null, Money.of("1", "GBP"),
                null, null, "4000", List.of(), "300", List.of(), List.of(), List.of(), List.of());
        assertThat(codes(typed("IMY", preferential))).doesNotContain("ORIGIN_REQUIRED");
        assertThat(codes(typed("IMK", noOrigin))).doesNotContain("ORIGIN_REQUIRED");
    }

    @Test
    void valueIsRequiredWhereDutyIsAssessedUnlessCustomsDeriveIt() {
        GoodsItem noValue = copy(item(1, "610910"), "T-shirts", "610910", "CN", null, null, null, null, null);
        assertThat(codes(typed("IMA", procedures(noValue, "4000", List.of())))).contains("VALUE_REQUIRED");
        assertThat(codes(typed("IMY", procedures(noValue, "6121", List.of())))).contains("VALUE_REQUIRED");
        assertThat(codes(typed("IMA", procedures(noValue, "4000", List.of("E02"))))).doesNotContain("VALUE_REQUIRED");
        assertThat(codes(typed("IMY", procedures(noValue, "4000", List.of("E01"))))).doesNotContain("VALUE_REQUIRED");
        assertThat(codes(typed("IMD", procedures(noValue, "7100", List.of("000"))))).doesNotContain("VALUE_REQUIRED");
        assertThat(codes(typed("IMA", procedures(noValue, "5100", List.of())))).doesNotContain("VALUE_REQUIRED");
        assertThat(codes(typed("IMD", procedures(noValue, null, List.of("000"))))).doesNotContain("VALUE_REQUIRED");
        assertThat(codes(typed("IMJ", procedures(noValue, "4000", List.of())))).doesNotContain("VALUE_REQUIRED");
    }

    @Test
    void quantityUnitMayBeImpliedByTheCommodityCodeButIsCheckedWhenGiven() {
        Declaration implied = withItem(valid(), 0, i -> copy(i, i.description(), i.commodityCode(), "CN",
                new Quantity(BigDecimal.ONE, null), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()));
        assertThat(VALIDATOR.validate(implied)).isEmpty();
        Declaration wrongUnit = withItem(valid(), 0, i -> copy(i, i.description(), i.commodityCode(), "CN",
                new Quantity(BigDecimal.ONE, "KG"), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()));
        assertThat(codes(wrongUnit)).containsExactly("QUANTITY_UNIT");
    }

    @Test
    void continentalShelfSectorsAreCountries() {
        Declaration shelf = header(FunctionCode.ORIGINAL, "L-SHELF", valid().type(), valid().declarationDate(),
                List.of(valid().parties().get(0), new Party(PartyRole.SELLER, null, "Rig operator", "ZG")),
                new Transport("1", null, "ZU", null, null, null, null, "ZU", null), valid().invoiceAmount(), null,
                List.of(copy(item(1, "270900"), "Crude oil", "27090090", "ZN", null, null, null, Money.of("1", "GBP"), null)));
        assertThat(new DeclarationValidator(CLOCK, null).validate(shelf)).isEmpty();
    }

    @Test
    void idsLongerThanTheirStoredColumnsAreListed() {
        Declaration d = valid();
        Declaration tooLong = new Declaration(d.functionCode(), d.lrn(), d.type(), "KR" + "0".repeat(31), d.declarationDate(),
                List.of(new Party(PartyRole.IMPORTER, "KR" + "1".repeat(63), null, "KR"),
                        new Party(PartyRole.EXPORTER, "CN" + "2".repeat(62), null, "CN")),
                d.transport(), d.goodsLocation(), d.invoiceAmount(), d.deliveryTerms(), d.referencedId(),
                d.additionalDocuments(), d.items());
        List<Violation> v = VALIDATOR.validate(tooLong);
        assertThat(v).filteredOn(x -> x.code().equals("FIELD_LENGTH")).extracting(Violation::path)
                .containsExactly("officeId", "parties[IMPORTER].id");
        assertThat(VALIDATOR.validate(valid())).isEmpty();
    }

    @Test
    void controlAndBidiCharactersInTextAreListedWithTheirPath() {
        Declaration d = withItem(valid(), 1, i -> copy(i, "Cotton \u202Eshirts", i.commodityCode(), i.originCountry(), i.quantity(),
                i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()));
        d = new Declaration(d.functionCode(), "LRN\u0007-1", d.type(), "KR\u000000040", d.declarationDate(),
                List.of(new Party(PartyRole.IMPORTER, "KR1234567", "Hanbit \u2066Trading\u2069", "KR")), d.transport(),
                "Line one\nline two", d.invoiceAmount(), d.deliveryTerms(), d.referencedId(), d.additionalDocuments(), d.items());
        List<Violation> v = VALIDATOR.validate(d);
        assertThat(v).filteredOn(x -> x.code().equals("TEXT_CHARACTERS")).extracting(Violation::path)
                .containsExactlyInAnyOrder("lrn", "officeId", "parties[IMPORTER].name", "items[1].description");
        assertThat(v).filteredOn(x -> x.path().equals("items[1].description")).first()
                .satisfies(x -> assertThat(x.message()).contains("U+202E").contains("character 8"));
    }

    @Test
    void nestedFieldsAreNamedByTheirFullPathInDeclarationOrder() {
        Declaration v = valid();
        GoodsItem i = v.items().get(0);
        GoodsItem bad = new GoodsItem(i.sequence(), i.description(), i.commodityCode(), i.originCountry(), i.preferentialOriginCountry(),
                i.quantity(), i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue(), i.valuationMethod(),
                i.procedureCode(), List.of("C07", "F4\u00078"), i.preferenceCode(),
                List.of(new DocumentRef("Z", "380", "ok"), new DocumentRef("Z", "380", "INV\t7")), i.additionalDocuments(),
                List.of(new Packaging("CT", 2, "fine"), new Packaging("CT", 1, "ACME \u202Dlabel")),
                List.of(new AdditionalInformation("00500", "note \u0085 here")));
        Declaration d = new Declaration(v.functionCode(), v.lrn(), v.type(), v.officeId(), v.declarationDate(), v.parties(),
                v.transport(), v.goodsLocation(), v.invoiceAmount(), v.deliveryTerms(), v.referencedId(),
                List.of(new DocumentRef("N", "9\u00018", "X1")), List.of(bad));
        assertThat(VALIDATOR.validate(d)).filteredOn(x -> x.code().equals("TEXT_CHARACTERS")).extracting(Violation::path)
                .containsExactly("additionalDocuments[0].typeCode", "items[0].additionalProcedures[1]",
                        "items[0].previousDocuments[1].id", "items[0].packaging[1].marks", "items[0].additionalInformation[0].text");
    }

    @Test
    void tabsAndLineBreaksAreTextNotIdentifiers() {
        Declaration d = withItem(valid(), 0, i -> copy(i, "Laptops,\tboxed\r\n", i.commodityCode(), i.originCountry(), i.quantity(),
                i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()));
        assertThat(codes(d)).doesNotContain("TEXT_CHARACTERS");
        Declaration tabInLrn = new Declaration(d.functionCode(), "LRN\t1", d.type(), d.officeId(), d.declarationDate(),
                d.parties(), d.transport(), d.goodsLocation(), d.invoiceAmount(), d.deliveryTerms(), d.referencedId(),
                d.additionalDocuments(), d.items());
        assertThat(codes(tabInLrn)).contains("TEXT_CHARACTERS");
    }

    @Test
    void anUnpairedSurrogateIsRefusedAndAPairIsText() {
        Declaration emoji = withItem(valid(), 0, i -> copy(i, "Toys \uD83E\uDDF8", i.commodityCode(), i.originCountry(), i.quantity(),
                i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()));
        assertThat(codes(emoji)).doesNotContain("TEXT_CHARACTERS");
        Declaration broken = withItem(valid(), 0, i -> copy(i, "Toys \uD83E", i.commodityCode(), i.originCountry(), i.quantity(),
                i.netMassKg(), i.grossMassKg(), i.statisticalValue(), i.customsValue()));
        assertThat(codes(broken)).contains("TEXT_CHARACTERS");
    }
}
