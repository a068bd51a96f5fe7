package org.smartcustoms.declaration;

import static org.smartcustoms.declaration.ValidationRule.Scope.DECLARATION;
import static org.smartcustoms.declaration.ValidationRule.Scope.ITEM;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.smartcustoms.codes.CodeList;
import org.smartcustoms.codes.CodeLists;

/**
 * Checks a declaration against the structural and code-list rules every declaration must satisfy before
 * it is accepted, returning all violations at once (a declarant fixes a rejected file in one round trip,
 * not one error at a time). The rules are the data in {@link #rules()}; this class only runs them.
 *
 * <p><b>Completion rules per declaration category.</b> Which item data elements must be present depends on the
 * additional declaration type (UCC / UK CDS DE 1/2, the letter after IM/EX/CO), following the columns of the UCC
 * data requirements (Delegated Reg. 2015/2446 Annex B) and the UK CDS tariff volume 3. The table is
 * {@link #MAY_BE_ABSENT}: for each letter, the {@link ItemElement}s that may be missing on an item; a letter not in
 * the table (A standard, X/Y/Z supplementary, no letter) needs all of them:
 * <ul>
 * <li>A standard, X/Y/Z supplementary (the supplementary declaration completes a simplified one): everything.</li>
 * <li>B, C simplified (occasional, regular use / authorised): the commodity code and the customs value may be
 * absent (they follow in the supplementary declaration); the goods description is what identifies the goods
 * and stays mandatory, and so does the origin of imported goods.</li>
 * <li>D pre-lodged standard: the origin may come later (lodged before the goods are presented); everything
 * else as A.</li>
 * <li>E, F pre-lodged simplified (occasional, regular): both reductions, commodity code, customs value and
 * origin may be absent; the description stays mandatory.</li>
 * <li>J, K (UK CDS customs clearance request / EIDR entry, arrived or pre-lodged) and Q (final supplementary
 * declaration): the goods data follow in, or were given on, the supplementary declarations: commodity code,
 * description, origin and value may all be absent ({@link #DEFERRED_GOODS_DATA}).</li>
 * </ul>
 * Independently of the category:
 * <ul>
 * <li>Origin: an item declared under the H7 low-value data set (additional procedure {@code 1H7}) has no
 * country of origin (DE 5/15 is not in the H7 column); a stated preferential origin (DE 5/16) also states the
 * origin.</li>
 * <li>Value: a customs value is the basis of the duty calculated on release for free circulation, end-use or
 * re-importation (requested procedure 4x, 6x); it is not required for special procedures (e.g. 51 inward
 * processing, 71 customs warehousing, H2/H4 data sets, no duty is calculated), for an item without a requested
 * procedure (nothing is assessed), or when customs derive the value from unit prices / standard import values
 * (additional procedure E01, E02; valuation method or additional procedure {@code 1SV}, valuation by unit
 * price): {@link #VALUE_FROM_UNIT_PRICES}.</li>
 * <li>Description: the KCS data set (item additional information {@link #DATA_SET} = {@code KCS}) has no goods
 * description column; its goods are identified by the HS6 code, which stays mandatory. See
 * {@link #DATA_SET_OMITS}.</li>
 * <li>Quantity unit: UK CDS sends the supplementary quantity (DE 6/2) without a unit because the tariff fixes
 * the unit per commodity code; a unit is therefore only required when the item has no commodity code, and is
 * still checked against UN/ECE Rec 20 whenever it is given.</li>
 * </ul>
 *
 * <p>Paths use 0-based list indices ({@code items[2]} is the third item in the list, whatever its sequence
 * number) and party roles ({@code parties[IMPORTER].id}). Thread-safe and stateless once built.
 */
public final class DeclarationValidator {
    /** Earliest declaration date accepted: older dates are typos (e.g. 1926 for 2026). */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1990, 1, 1);
    public static final int MAX_LRN_LENGTH = 35;
    public static final int MAX_DESCRIPTION_LENGTH = 512;
    public static final int MAX_ITEMS = 999;
    /** Longest customs office id (the stored office reference). */
    public static final int MAX_OFFICE_ID_LENGTH = 32;
    /** Longest party id (EORI, importer number, ...): declarant, importer and exporter ids are stored as such. */
    public static final int MAX_PARTY_ID_LENGTH = 64;

    /** Item data elements whose presence depends on the declaration category (see {@link #MAY_BE_ABSENT}). */
    public enum ItemElement {
        /** DE 6/14-6/17 commodity code. */
        COMMODITY_CODE,
        /** DE 6/8 description of goods. */
        DESCRIPTION,
        /** DE 5/15 country of origin (imports). */
        ORIGIN,
        /** DE 4/14 item price / 4/18 value: the customs or statistical value (imports, 4x/6x). */
        CUSTOMS_VALUE
    }

    /**
     * Additional declaration types whose goods data are deferred or summarised elsewhere: UK CDS J/K (customs
     * clearance request, EIDR entry) and Q (final supplementary declaration). See the class comment.
     */
    public static final Set<String> DEFERRED_GOODS_DATA = Set.of("J", "K", "Q");
    /** Simplified declarations (B, C occasional / regular; E, F pre-lodged occasional / regular). */
    public static final Set<String> SIMPLIFIED = Set.of("B", "C", "E", "F");
    /** Pre-lodged declarations (D standard; E, F simplified). */
    public static final Set<String> PRE_LODGED = Set.of("D", "E", "F");

    /**
     * The completion rules per additional declaration type as data: which item elements may be absent. A type
     * not in the map (A, X, Y, Z, none) needs every element. See the class comment.
     */
    public static final Map<String, Set<ItemElement>> MAY_BE_ABSENT = Map.of(
            "B", Set.of(ItemElement.COMMODITY_CODE, ItemElement.CUSTOMS_VALUE),
            "C", Set.of(ItemElement.COMMODITY_CODE, ItemElement.CUSTOMS_VALUE),
            "D", Set.of(ItemElement.ORIGIN),
            "E", Set.of(ItemElement.COMMODITY_CODE, ItemElement.CUSTOMS_VALUE, ItemElement.ORIGIN),
            "F", Set.of(ItemElement.COMMODITY_CODE, ItemElement.CUSTOMS_VALUE, ItemElement.ORIGIN),
            "J", Set.of(ItemElement.values()),
            "K", Set.of(ItemElement.values()),
            "Q", Set.of(ItemElement.values()));

    /** Item additional information code naming the bulk data set a declaration was read from (e.g. {@code KCS}). */
    public static final String DATA_SET = "DATA_SET";
    /** Item elements a bulk data set does not have at all: KCS has no goods description column. */
    public static final Map<String, Set<ItemElement>> DATA_SET_OMITS = Map.of("KCS", Set.of(ItemElement.DESCRIPTION));

    /** Additional procedure for the H7 low-value consignment data set, which has no country of origin. */
    public static final String LOW_VALUE_DATA_SET = "1H7";
    /**
     * Additional procedures / valuation methods under which customs derive the value from unit prices or standard
     * import values (E01, E02; 1SV valuation by unit price), so no customs value is declared.
     */
    public static final Set<String> VALUE_FROM_UNIT_PRICES = Set.of("E01", "E02", "1SV");

    private static final Pattern HS_FORMAT = Pattern.compile("\\d{6,10}");
    private static final Pattern PREFERENCE_GROUP = Pattern.compile("\\d{4}");

    private final List<ValidationRule> rules;

    /**
     * @param clock              decides "today" for the future-date rule (its zone is the customs office's)
     * @param knownCommodityCode answers whether a 6-digit HS subheading exists in the nomenclature; null
     *                           skips rule {@code HS_CODE_UNKNOWN} (e.g. before a tariff is loaded)
     */
    public DeclarationValidator(Clock clock, Predicate<String> knownCommodityCode) {
        this.rules = standardRules(java.util.Objects.requireNonNull(clock, "clock"), knownCommodityCode);
    }

    /** The rules run, in order; for documentation (code + description) and tests. */
    public List<ValidationRule> rules() { return rules; }

    /** All violations of all applicable rules; empty when the declaration is acceptable. */
    public List<Violation> validate(Declaration d) {
        java.util.Objects.requireNonNull(d, "declaration");
        List<Violation> out = new ArrayList<>();
        for (ValidationRule rule : rules) {
            if (!rule.appliesTo(d.type())) continue;
            ValidationRule.Findings root = ValidationRule.Findings.root(rule.code(), out);
            if (rule.scope() == DECLARATION) {
                rule.check().check(d, null, root);
            } else {
                for (int i = 0; i < d.items().size(); i++) {
                    GoodsItem item = d.items().get(i);
                    if (item != null) rule.check().check(d, item, root.at("items[" + i + "]"));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Validates and throws {@link InvalidDeclarationException} carrying every violation when there is one. */
    public Declaration requireValid(Declaration d) {
        List<Violation> v = validate(d);
        if (!v.isEmpty()) throw new InvalidDeclarationException(v);
        return d;
    }

    // ---------------------------------------------------------------- the rules, in one place

    private static List<ValidationRule> standardRules(Clock clock, Predicate<String> known) {
        List<ValidationRule> r = new ArrayList<>();
        // --- declaration header
        // FUNCTION_CODE: a Declaration holds a FunctionCode; unknown codes are refused where they are read (FunctionCode.of)
        r.add(rule("REFERENCE_REQUIRED", "Amendments (13) and cancellations (1) must reference the declaration they change", DECLARATION, all(),
                (d, i, f) -> {
                    if ((d.isAmendment() || d.isCancellation()) && d.referencedId() == null) {
                        f.report("referencedId", "an amendment or cancellation must reference the original declaration");
                    }
                }));
        r.add(rule("LRN_REQUIRED", "The local reference number (LRN) is mandatory", DECLARATION, all(),
                (d, i, f) -> { if (d.lrn() == null) f.report("lrn", "the LRN is missing"); }));
        r.add(rule("LRN_LENGTH", "The LRN has at most " + MAX_LRN_LENGTH + " characters", DECLARATION, all(),
                (d, i, f) -> {
                    if (d.lrn() != null && d.lrn().length() > MAX_LRN_LENGTH) {
                        f.report("lrn", "the LRN has " + d.lrn().length() + " characters; at most " + MAX_LRN_LENGTH + " allowed");
                    }
                }));
        r.add(rule("FIELD_LENGTH", "The customs office id has at most " + MAX_OFFICE_ID_LENGTH + " characters and party ids at most "
                        + MAX_PARTY_ID_LENGTH, DECLARATION, all(),
                (d, i, f) -> {
                    maxLength(f, "officeId", d.officeId(), MAX_OFFICE_ID_LENGTH);
                    for (Party p : d.parties()) {
                        if (p != null) maxLength(f, "parties[" + p.role() + "].id", p.id(), MAX_PARTY_ID_LENGTH);
                    }
                }));
        r.add(rule(TextCharacters.CODE, TextCharacters.DESCRIPTION, DECLARATION, all(),
                (d, i, f) -> TextCharacters.check(d, f)));
        r.add(rule("TYPE_CODE", "Declaration type is mandatory: IM, EX, CO or TR, optionally followed by one additional-type letter", DECLARATION, all(),
                (d, i, f) -> {
                    DeclarationType t = d.type();
                    if (t == null || t.code().isEmpty()) {
                        f.report("type", "the declaration type is missing");
                    } else if (!CodeLists.DECLARATION_TYPES.isValid(t.code())) {
                        f.report("type", "unknown declaration type '" + t.code() + "'; expected IM, EX, CO or TR");
                    } else if (t.additionalType() != null && !t.additionalType().matches("[A-Z]")) {
                        f.report("type", "additional declaration type must be one letter, got '" + t.additionalType() + "'");
                    }
                }));
        r.add(rule("DECLARATION_DATE_REQUIRED", "The declaration date is mandatory", DECLARATION, all(),
                (d, i, f) -> { if (d.declarationDate() == null) f.report("declarationDate", "the declaration date is missing"); }));
        r.add(rule("DECLARATION_DATE_RANGE", "The declaration date is not before " + EARLIEST_DATE + " nor more than one day in the future", DECLARATION, all(),
                (d, i, f) -> {
                    LocalDate date = d.declarationDate();
                    if (date == null) return;
                    LocalDate latest = LocalDate.now(clock).plusDays(1);
                    if (date.isAfter(latest)) f.report("declarationDate", "date " + date + " is more than one day in the future");
                    if (date.isBefore(EARLIEST_DATE)) f.report("declarationDate", "date " + date + " is before " + EARLIEST_DATE);
                }));
        r.add(rule("ITEMS_REQUIRED", "A declaration has at least one goods item", DECLARATION, all(),
                (d, i, f) -> { if (d.items().isEmpty()) f.report("items", "the declaration has no goods item"); }));
        r.add(rule("ITEMS_MAX", "A declaration has at most " + MAX_ITEMS + " goods items", DECLARATION, all(),
                (d, i, f) -> {
                    if (d.items().size() > MAX_ITEMS) f.report("items", d.items().size() + " items; at most " + MAX_ITEMS + " allowed");
                }));
        r.add(rule("ITEM_SEQUENCE", "Item sequence numbers are positive and unique", DECLARATION, all(),
                (d, i, f) -> {
                    Set<Integer> seen = new HashSet<>();
                    for (int k = 0; k < d.items().size(); k++) {
                        GoodsItem item = d.items().get(k);
                        if (item == null) continue;
                        String path = "items[" + k + "].sequence";
                        if (item.sequence() <= 0) f.report(path, "sequence number must be positive, got " + item.sequence());
                        else if (!seen.add(item.sequence())) f.report(path, "sequence number " + item.sequence() + " is used twice");
                    }
                }));
        // --- parties and transport
        r.add(rule("IMPORTER_REQUIRED", "Imports identify the importer or the declarant by id", DECLARATION, types("IM"),
                (d, i, f) -> {
                    if (hasId(d, PartyRole.IMPORTER) || hasId(d, PartyRole.DECLARANT)) return;
                    f.report("parties[IMPORTER].id", "an import needs the importer's or the declarant's id");
                }));
        r.add(rule("EXPORTER_REQUIRED", "Exports identify the exporter or the declarant by id", DECLARATION, types("EX"),
                (d, i, f) -> {
                    if (hasId(d, PartyRole.EXPORTER) || hasId(d, PartyRole.DECLARANT)) return;
                    f.report("parties[EXPORTER].id", "an export needs the exporter's or the declarant's id");
                }));
        r.add(rule("PARTY_COUNTRY", "Party countries are ISO 3166-1 alpha-2 codes", DECLARATION, all(),
                (d, i, f) -> {
                    for (Party p : d.parties()) {
                        if (p != null && p.country() != null) {
                            country(f, "parties[" + p.role() + "].country", p.country());
                        }
                    }
                }));
        r.add(rule("TRANSPORT_COUNTRY", "Transport nationality and departure country are ISO 3166-1 alpha-2 codes", DECLARATION, all(),
                (d, i, f) -> {
                    country(f, "transport.nationality", d.transport().nationality());
                    country(f, "transport.departureCountry", d.transport().departureCountry());
                }));
        r.add(rule("TRANSPORT_MODE", "Transport modes are UN/ECE Recommendation 19 codes (0-9)", DECLARATION, all(),
                (d, i, f) -> {
                    code(f, "transport.borderModeCode", d.transport().borderModeCode(), CodeLists.TRANSPORT_MODES, "transport mode");
                    code(f, "transport.inlandModeCode", d.transport().inlandModeCode(), CodeLists.TRANSPORT_MODES, "transport mode");
                }));
        // --- money, everywhere
        r.add(rule("CURRENCY_CODE", "Every amount has an ISO 4217 currency", DECLARATION, all(),
                (d, i, f) -> forEachMoney(d, (path, m) -> {
                    if (m.currency() == null) f.report(path + ".currency", "the currency is missing");
                    else if (!CodeLists.CURRENCIES.isValid(m.currency())) {
                        f.report(path + ".currency", "'" + m.currency() + "' is not an ISO 4217 currency");
                    }
                })));
        r.add(rule("VALUE_POSITIVE", "Invoice amount, statistical value and customs value are greater than zero", DECLARATION, all(),
                (d, i, f) -> forEachMoney(d, (path, m) -> {
                    if (m.amount().signum() <= 0) f.report(path + ".amount", "the amount must be greater than zero, got " + m.amount().toPlainString());
                })));
        // --- goods items
        r.add(rule("HS_CODE_REQUIRED", "Every item has a commodity code, except on simplified declarations (additional type B, C, E, F) and declarations with deferred goods data (J, K, Q)", ITEM, all(),
                (d, item, f) -> {
                    if (mayBeAbsent(d, item, ItemElement.COMMODITY_CODE)) return;
                    if (item.commodityCode() == null || item.commodityCode().isEmpty()) f.report("commodityCode", "the commodity code is missing");
                }));
        r.add(rule("HS_CODE_FORMAT", "Commodity codes are 6 to 10 digits", ITEM, all(),
                (d, item, f) -> {
                    String c = item.commodityCode();
                    if (c != null && !c.isEmpty() && !HS_FORMAT.matcher(c).matches()) {
                        f.report("commodityCode", "'" + c + "' is not 6 to 10 digits");
                    }
                }));
        if (known != null) {
            r.add(rule("HS_CODE_UNKNOWN", "The HS subheading (first 6 digits) exists in the nomenclature", ITEM, all(),
                    (d, item, f) -> {
                        String c = item.commodityCode();
                        if (c != null && HS_FORMAT.matcher(c).matches() && !known.test(c.substring(0, 6))) {
                            f.report("commodityCode", "HS subheading " + c.substring(0, 6) + " does not exist in the nomenclature");
                        }
                    }));
        }
        r.add(rule("DESCRIPTION_REQUIRED", "Every item has a goods description, except on declarations with deferred goods data (additional type J, K, Q) and in the KCS data set (no description column; goods identified by HS6 code)", ITEM, all(),
                (d, item, f) -> {
                    if (mayBeAbsent(d, item, ItemElement.DESCRIPTION)
                            && (item.info(DATA_SET) == null || (item.commodityCode() != null && !item.commodityCode().isEmpty()))) {
                        return; // a data set without descriptions identifies the goods by their commodity code: needs one
                    }
                    if (item.description() == null) f.report("description", "the goods description is missing");
                }));
        r.add(rule("DESCRIPTION_LENGTH", "Goods descriptions have at most " + MAX_DESCRIPTION_LENGTH + " characters", ITEM, all(),
                (d, item, f) -> {
                    if (item.description() != null && item.description().length() > MAX_DESCRIPTION_LENGTH) {
                        f.report("description", "the description has " + item.description().length() + " characters; at most " + MAX_DESCRIPTION_LENGTH + " allowed");
                    }
                }));
        r.add(rule("ORIGIN_REQUIRED", "Import items state their country of origin (or a preferential origin), except under the H7 low-value data set (1H7), on pre-lodged declarations (D, E, F) and on declarations with deferred goods data (J, K, Q)", ITEM, types("IM"),
                (d, item, f) -> {
                    if (mayBeAbsent(d, item, ItemElement.ORIGIN) || hasAdditionalProcedure(item, Set.of(LOW_VALUE_DATA_SET))) return;
                    if (item.originCountry() == null && item.preferentialOriginCountry() == null) {
                        f.report("originCountry", "the country of origin is missing");
                    }
                }));
        r.add(rule("ORIGIN_COUNTRY", "Countries of origin are ISO 3166-1 alpha-2 codes (preferential origin may be a 4-digit country group)", ITEM, all(),
                (d, item, f) -> {
                    country(f, "originCountry", item.originCountry());
                    String pref = item.preferentialOriginCountry();
                    if (pref != null && !PREFERENCE_GROUP.matcher(pref).matches()) country(f, "preferentialOriginCountry", pref);
                }));
        r.add(rule("VALUE_REQUIRED", "Import items released for free circulation, end-use or re-importation (procedure 4x, 6x) state a customs or statistical value, unless customs derive it from unit prices (E01, E02, 1SV), the declaration is simplified (B, C, E, F) or the goods data are deferred (J, K, Q)", ITEM, types("IM"),
                (d, item, f) -> {
                    if (mayBeAbsent(d, item, ItemElement.CUSTOMS_VALUE) || !dutyAssessed(item) || valueFromUnitPrices(item)) return;
                    if (item.customsValue() == null && item.statisticalValue() == null) {
                        f.report("customsValue", "an import item needs a customs or statistical value");
                    }
                }));
        r.add(rule("QUANTITY_UNIT", "Quantities are in a UN/ECE Recommendation 20 unit; without a unit the tariff's supplementary unit of the item's commodity code applies", ITEM, all(),
                (d, item, f) -> {
                    if (item.quantity() == null) return;
                    if (item.quantity().unit() == null) {
                        if (item.commodityCode() == null || item.commodityCode().isEmpty()) {
                            f.report("quantity.unit", "the unit of the quantity is missing and there is no commodity code that implies it");
                        }
                    } else {
                        code(f, "quantity.unit", item.quantity().unit(), CodeLists.UNITS, "UN/ECE Rec 20 unit");
                    }
                }));
        r.add(rule("QUANTITY_POSITIVE", "Quantities are greater than zero", ITEM, all(),
                (d, item, f) -> {
                    if (item.quantity() != null && item.quantity().value().signum() <= 0) {
                        f.report("quantity.value", "the quantity must be greater than zero, got " + item.quantity().value().toPlainString());
                    }
                }));
        r.add(rule("MASS_POSITIVE", "Net and gross masses are greater than zero", ITEM, all(),
                (d, item, f) -> {
                    positive(f, "netMassKg", item.netMassKg());
                    positive(f, "grossMassKg", item.grossMassKg());
                }));
        r.add(rule("MASS_GROSS_NET", "Gross mass is not less than net mass", ITEM, all(),
                (d, item, f) -> {
                    if (item.netMassKg() != null && item.grossMassKg() != null && item.grossMassKg().compareTo(item.netMassKg()) < 0) {
                        f.report("grossMassKg", "gross mass " + item.grossMassKg().toPlainString() + " kg is less than net mass "
                                + item.netMassKg().toPlainString() + " kg");
                    }
                }));
        return List.copyOf(r);
    }

    private static ValidationRule rule(String code, String description, ValidationRule.Scope scope, Set<String> types,
                                       ValidationRule.Check check) {
        return new ValidationRule(code, description, scope, types, check);
    }

    private static Set<String> all() { return Set.of(); }

    private static Set<String> types(String... t) { return Set.of(t); }

    /**
     * Whether the element may be absent on this item: by the declaration's additional type ({@link #MAY_BE_ABSENT})
     * or because the item's data set has no such element ({@link #DATA_SET_OMITS}).
     */
    public static boolean mayBeAbsent(Declaration d, GoodsItem item, ItemElement element) {
        String additional = d.type() == null ? null : d.type().additionalType();
        if (additional != null && MAY_BE_ABSENT.getOrDefault(additional, Set.of()).contains(element)) return true;
        String dataSet = item == null ? null : item.info(DATA_SET);
        return dataSet != null && DATA_SET_OMITS.getOrDefault(dataSet, Set.of()).contains(element);
    }

    /** Value derived by customs from unit prices / standard import values: additional procedure or valuation method. */
    private static boolean valueFromUnitPrices(GoodsItem item) {
        return hasAdditionalProcedure(item, VALUE_FROM_UNIT_PRICES)
                || (item.valuationMethod() != null && VALUE_FROM_UNIT_PRICES.contains(item.valuationMethod().trim().toUpperCase(java.util.Locale.ROOT)));
    }

    private static boolean hasAdditionalProcedure(GoodsItem item, Set<String> codes) {
        return item.additionalProcedures() != null && item.additionalProcedures().stream().anyMatch(codes::contains);
    }

    /** Requested procedure (first two digits of DE 1/10) releases the goods with duty assessed: 4x, 6x. */
    private static boolean dutyAssessed(GoodsItem item) {
        String p = item.procedureCode();
        return p != null && (p.startsWith("4") || p.startsWith("6"));
    }

    private static boolean hasId(Declaration d, PartyRole role) {
        return d.parties(role).stream().anyMatch(p -> p.id() != null);
    }

    private static void country(ValidationRule.Findings f, String path, String value) {
        code(f, path, value, CodeLists.COUNTRIES, "ISO 3166-1 alpha-2 country");
    }

    private static void code(ValidationRule.Findings f, String path, String value, CodeList list, String what) {
        if (value != null && !list.isValid(value)) f.report(path, "'" + value + "' is not a valid " + what + " code");
    }

    private static void maxLength(ValidationRule.Findings f, String path, String value, int max) {
        if (value != null && value.length() > max) {
            f.report(path, "has " + value.length() + " characters; at most " + max + " allowed");
        }
    }

    private static void positive(ValidationRule.Findings f, String path, BigDecimal v) {
        if (v != null && v.signum() <= 0) f.report(path, "must be greater than zero, got " + v.toPlainString());
    }

    private static void forEachMoney(Declaration d, java.util.function.BiConsumer<String, Money> visit) {
        if (d.invoiceAmount() != null) visit.accept("invoiceAmount", d.invoiceAmount());
        for (int k = 0; k < d.items().size(); k++) {
            GoodsItem item = d.items().get(k);
            if (item == null) continue;
            if (item.statisticalValue() != null) visit.accept("items[" + k + "].statisticalValue", item.statisticalValue());
            if (item.customsValue() != null) visit.accept("items[" + k + "].customsValue", item.customsValue());
        }
    }
}
