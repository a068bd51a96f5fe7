package org.smartcustoms.travel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.smartcustoms.risk.rules.RuleVariable;

import dev.cel.common.types.CelType;

/**
 * The catalogue of the variables a passenger-data rule may read: the one list that the CEL declarations and binding
 * ({@link PassengerRules}) and the analysts' help ({@code GET /api/v1/travel/passenger-rules/variables}) read. Rules
 * are CEL, typed with the risk engine's own {@link RuleVariable.Type}s, exactly as cargo rules are; only the facts
 * differ (a traveller, not a goods item).
 */
public enum PassengerVariable {
    FLIGHT("flight", RuleVariable.Type.STRING, "Flight number, e.g. NH212", PassengerFacts::flight),
    DEPARTURE("departure", RuleVariable.Type.STRING,
            "Airport of embarkation (IATA, e.g. GRU) from the passenger list, '' when the airline did not send it", PassengerFacts::departure),
    NATIONALITY("nationality", RuleVariable.Type.STRING, "Nationality (ICAO 3-letter, e.g. GBR)", PassengerFacts::nationality),
    DOCUMENT_COUNTRY("document_country", RuleVariable.Type.STRING,
            "Issuing country of the travel document (ICAO 3-letter), '' when not known", PassengerFacts::documentCountry),
    SEX("sex", RuleVariable.Type.STRING, "Sex as on the document (F, M, X)", PassengerFacts::sex),
    AGE("age", RuleVariable.Type.INT, "Age in whole years on the arrival date", f -> (long) f.age()),
    GROUP_SIZE("group_size", RuleVariable.Type.INT,
            "Passengers of the flight on the same booking reference (1 when travelling alone or without a reference)", f -> (long) f.groupSize()),
    ON_PASSENGER_LIST("on_passenger_list", RuleVariable.Type.BOOL,
            "Whether the traveller is on the airline's passenger list (always true at pre-arrival screening)", PassengerFacts::onPassengerList);

    private final String variable;
    private final RuleVariable.Type type;
    private final String description;
    private final Function<PassengerFacts, Object> value;

    PassengerVariable(String variable, RuleVariable.Type type, String description, Function<PassengerFacts, Object> value) {
        this.variable = variable;
        this.type = type;
        this.description = description;
        this.value = value;
    }

    public String variable() { return variable; }

    public RuleVariable.Type type() { return type; }

    public String description() { return description; }

    Object value(PassengerFacts f) { return value.apply(f); }

    private static final Map<String, PassengerVariable> BY_NAME = new LinkedHashMap<>();

    static {
        for (PassengerVariable v : values()) BY_NAME.put(v.variable, v);
    }

    static PassengerVariable named(String name) { return BY_NAME.get(name); }

    static Map<String, CelType> celDeclarations() {
        Map<String, CelType> m = new LinkedHashMap<>();
        for (PassengerVariable v : values()) m.put(v.variable, v.type.celType());
        return m;
    }

    public static List<PassengerVariable> catalogue() { return List.of(values()); }
}
