package org.smartcustoms.risk.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.smartcustoms.risk.features.ItemFeatures;

/**
 * The catalogue of the variables a rule expression may read: the one list that the CEL declarations
 * ({@link RuleCompiler}), the CEL variable binding ({@link FeatureResolver}), the plain-Java fast path
 * ({@link FastPath}), the declaration-level analysis and the analysts' help (the server's
 * {@code GET /api/v1/rules/variables}) all read. A new variable is added here, with its accessor on
 * {@link ItemFeatures}, and is then known to all of them.
 *
 * <p>Accessors are plain functions over {@link ItemFeatures}, resolved once when a rule is compiled; nothing
 * here is looked up by name while a fast-path rule is evaluated.
 */
public enum RuleVariable {
    HS("hs", Level.ITEM, "", "Commodity code as declared (up to 10 digits)", text(ItemFeatures::hs)),
    HS6("hs6", Level.ITEM, "", "First six digits of the commodity code (HS subheading)", text(f -> hs6(f.hs()))),
    ORIGIN("origin", Level.ITEM, "", "Country of origin of the item (ISO alpha-2)", text(ItemFeatures::origin)),
    PREFERENTIAL_ORIGIN("preferential_origin", Level.ITEM, "",
            "Country of preferential origin claimed for the item, '' when none is claimed",
            text(ItemFeatures::preferentialOrigin)),
    OFFICE("office", Level.DECLARATION, "", "Customs office of declaration", text(ItemFeatures::office)),
    IMPORTER("importer", Level.DECLARATION, "", "Importer's id ('' when absent)", text(ItemFeatures::importer)),
    DECLARANT("declarant", Level.DECLARATION, "", "Declarant's id", text(ItemFeatures::declarant)),
    SELLER("seller", Level.DECLARATION, "", "Seller's id ('' when absent)", text(ItemFeatures::seller)),
    CURRENCY("currency", Level.ITEM, "", "Currency the item's value was declared in", text(ItemFeatures::currency)),
    UNIT("unit", Level.ITEM, "", "Unit of the declared quantity (e.g. NAR, KGM)", text(ItemFeatures::unit)),
    TRANSPORT_MODE("transport_mode", Level.DECLARATION, "",
            "Mode of transport at the border (1 sea, 2 rail, 3 road, 4 air, 5 post...)", text(ItemFeatures::transportMode)),
    PROCEDURE("procedure", Level.ITEM, "", "Customs procedure code of the item (e.g. 4000)", text(ItemFeatures::procedure)),
    DECLARATION_TYPE("declaration_type", Level.DECLARATION, "", "Declaration type (e.g. IMA)",
            text(ItemFeatures::declarationType)),
    DESCRIPTION("description", Level.ITEM, "", "Goods description as declared", text(ItemFeatures::description)),
    VALUE("value", Level.ITEM, "national currency",
            "Statistical value of the item, else its customs value, converted at the day's rate", number(ItemFeatures::value)),
    NET_MASS("net_mass", Level.ITEM, "kg", "Net mass of the item, 0 when not declared", number(ItemFeatures::netMass)),
    QUANTITY("quantity", Level.ITEM, "declared unit", "Quantity in the declared unit, 0 when not declared",
            number(ItemFeatures::quantity)),
    UNIT_PRICE("unit_price", Level.ITEM, "national currency per declared unit", "value / quantity, 0 without a quantity",
            number(ItemFeatures::unitPrice)),
    PRICE_PER_KG("price_per_kg", Level.ITEM, "national currency per kg", "value / net_mass, 0 without a mass",
            number(ItemFeatures::pricePerKg)),
    NORM_DEVIATION("norm_deviation", Level.ITEM, "fraction",
            "How far the item's unit value (per kg, else per declared unit) is from the price norm, the median of "
                    + "earlier declarations of the same HS6 and origin: -0.6 means 60 % below (0 when has_norm is false)", number(ItemFeatures::normDeviation)),
    HAS_NORM("has_norm", Level.ITEM, "", "Whether a price norm (at least 5 earlier unit values) is known for the item's HS6 and origin",
            flag(ItemFeatures::hasNorm)),
    IMPORTER_FRAUD_RATE("importer_fraud_rate", Level.DECLARATION, "fraction 0-1",
            "Share of the importer's earlier declarations found irregular (0 without history)",
            number(ItemFeatures::importerFraudRate)),
    IMPORTER_HISTORY_COUNT("importer_history_count", Level.DECLARATION, "declarations",
            "Number of declarations the importer (else the declarant) lodged before this one",
            whole(ItemFeatures::importerHistoryCount)),
    PARTY_AGE_DAYS("party_age_days", Level.DECLARATION, "days",
            "Days since the importer (else the declarant) was first seen, 0 for a new trader",
            whole(ItemFeatures::partyAgeDays)),
    ITEM_COUNT("item_count", Level.DECLARATION, "items", "Number of goods items on the declaration",
            whole(ItemFeatures::itemCount)),
    SUGGESTED_HS6("suggested_hs6", Level.ITEM, "",
            "HS subheading the classification assistant suggests for the item's description ('' when it has no opinion)",
            text(ItemFeatures::suggestedHs6)),
    CLASSIFICATION_CONFIDENCE("classification_confidence", Level.ITEM, "fraction 0-1",
            "The classification assistant's confidence in suggested_hs6 (0 without an opinion)",
            number(ItemFeatures::classificationConfidence)),
    CLASSIFICATION_DISTANCE("classification_distance", Level.ITEM, "",
            "How far suggested_hs6 is from the declared code: 0 same subheading (or no opinion), 1 other subheading of "
                    + "the same heading, 2 other heading of the same chapter, 3 other chapter",
            whole(ItemFeatures::classificationDistance)),
    PARAMS("params", Level.RULE, "", "The rule's own thresholds, read as params.<name> (e.g. params.min_price)",
            new Access(Type.PARAMS, null, null, null, null));

    /** The kind of value of a variable, with its CEL type. */
    public enum Type {
        STRING("text", SimpleType.STRING),
        DOUBLE("number", SimpleType.DOUBLE),
        INT("whole number", SimpleType.INT),
        BOOL("true or false", SimpleType.BOOL),
        PARAMS("map of names to numbers", MapType.create(SimpleType.STRING, SimpleType.DOUBLE));

        private final String words;
        private final CelType cel;

        Type(String words, CelType cel) {
            this.words = words;
            this.cel = cel;
        }

        /** The type in words, for analysts. */
        public String words() { return words; }

        public CelType celType() { return cel; }
    }

    /** What a variable describes: one goods item, the whole declaration (same on every item), or the rule itself. */
    public enum Level { ITEM, DECLARATION, RULE }

    private record Access(Type type, Function<ItemFeatures, String> text, ToDoubleFunction<ItemFeatures> number,
                          ToLongFunction<ItemFeatures> whole, Predicate<ItemFeatures> flag) { }

    private static Access text(Function<ItemFeatures, String> a) { return new Access(Type.STRING, a, null, null, null); }

    private static Access number(ToDoubleFunction<ItemFeatures> a) { return new Access(Type.DOUBLE, null, a, null, null); }

    private static Access whole(ToLongFunction<ItemFeatures> a) { return new Access(Type.INT, null, null, a, null); }

    private static Access flag(Predicate<ItemFeatures> a) { return new Access(Type.BOOL, null, null, null, a); }

    private final String variable;
    private final Level level;
    private final String unit;
    private final String description;
    private final Access access;

    RuleVariable(String variable, Level level, String unit, String description, Access access) {
        this.variable = variable;
        this.level = level;
        this.unit = unit;
        this.description = description;
        this.access = access;
    }

    /** The name rules use. */
    public String variable() { return variable; }

    public Type type() { return access.type(); }

    public Level level() { return level; }

    /** The unit of a number in words ("" for text, flags and plain counts without a unit). */
    public String unit() { return unit; }

    /** What the variable holds, in words. */
    public String description() { return description; }

    /** Whether the variable has the same value on every item of a declaration (true for {@code params} too). */
    public boolean declarationLevel() { return level != Level.ITEM; }

    /** The accessor of a {@link Type#STRING} variable (null for other types). */
    Function<ItemFeatures, String> textAccessor() { return access.text(); }

    /** The accessor of a {@link Type#DOUBLE} variable (null for other types). */
    ToDoubleFunction<ItemFeatures> numberAccessor() { return access.number(); }

    /** The accessor of a {@link Type#INT} variable (null for other types). */
    ToLongFunction<ItemFeatures> wholeAccessor() { return access.whole(); }

    /** The accessor of a {@link Type#BOOL} variable (null for other types). */
    Predicate<ItemFeatures> flagAccessor() { return access.flag(); }

    /** The value as CEL expects it (String, Double, Long, Boolean); not for {@link #PARAMS}, which the rule gives. */
    Object celValue(ItemFeatures f) {
        Access a = access;
        return switch (a.type()) {
            case STRING -> a.text().apply(f);
            case DOUBLE -> a.number().applyAsDouble(f);
            case INT -> a.whole().applyAsLong(f);
            case BOOL -> a.flag().test(f);
            case PARAMS -> throw new IllegalStateException("params come from the rule, not from the item");
        };
    }

    /** Whether two items have the same value of this variable ({@link #PARAMS}: always). */
    boolean sameValue(ItemFeatures x, ItemFeatures y) {
        Access a = access;
        return switch (a.type()) {
            case STRING -> a.text().apply(x).equals(a.text().apply(y));
            case DOUBLE -> Double.compare(a.number().applyAsDouble(x), a.number().applyAsDouble(y)) == 0;
            case INT -> a.whole().applyAsLong(x) == a.whole().applyAsLong(y);
            case BOOL -> a.flag().test(x) == a.flag().test(y);
            case PARAMS -> true;
        };
    }

    /** The {@code hs6} variable: the first six digits of the commodity code. */
    static String hs6(String hs) {
        return hs.length() >= 6 ? hs.substring(0, 6) : hs;
    }

    private static final RuleVariable[] ALL = values();
    private static final List<RuleVariable> CATALOGUE = List.of(ALL);
    /** Open-addressed table by name: no boxing, no allocation, one or two probes. */
    private static final RuleVariable[] BY_NAME = new RuleVariable[Integer.highestOneBit(ALL.length) << 2];
    private static final Set<String> DECLARATION_LEVEL_NAMES;

    static {
        int mask = BY_NAME.length - 1;
        for (RuleVariable v : ALL) {
            int i = slot(v.variable) & mask;
            while (BY_NAME[i] != null) i = (i + 1) & mask;
            BY_NAME[i] = v;
        }
        DECLARATION_LEVEL_NAMES = CATALOGUE.stream().filter(RuleVariable::declarationLevel)
                .map(RuleVariable::variable).collect(Collectors.toUnmodifiableSet());
    }

    private static int slot(String name) {
        int h = name.hashCode();
        return h ^ (h >>> 16);
    }

    /** Every variable, in the order the analysts' help lists them. */
    public static List<RuleVariable> catalogue() { return CATALOGUE; }

    /** The variable with this rule name, or null. */
    public static RuleVariable named(String name) {
        int mask = BY_NAME.length - 1;
        for (int i = slot(name) & mask; ; i = (i + 1) & mask) {
            RuleVariable v = BY_NAME[i];
            if (v == null || v.variable.equals(name)) return v;
        }
    }

    /** Names of the variables that have the same value on every item of a declaration. */
    static Set<String> declarationLevelNames() { return DECLARATION_LEVEL_NAMES; }

    /** The CEL declarations: every variable's name with its CEL type, in catalogue order. */
    static Map<String, CelType> celDeclarations() {
        Map<String, CelType> m = new LinkedHashMap<>();
        for (RuleVariable v : ALL) m.put(v.variable, v.type().celType());
        return m;
    }
}
