package org.smartcustoms.codes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable code list (code → English name). Declarations carry bare codes; validating them against a
 * single list instance keeps readers, validator and API documentation agreeing on what a valid code is.
 * Lookups are case-sensitive on the canonical (upper-case) form, because declarations normalise case on
 * construction and a lower-case code in a message is an error worth reporting.
 */
public final class CodeList {
    private final String id;
    private final Map<String, String> names;

    CodeList(String id, Map<String, String> names) {
        this.id = Objects.requireNonNull(id, "id");
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    /** Short identifier of the list, e.g. {@code ISO3166-1}. */
    public String id() { return id; }

    /** Whether {@code code} is in the list; null and blank are not. */
    public boolean isValid(String code) {
        return code != null && names.containsKey(code);
    }

    /** The English name of the code, or empty when the code is unknown. */
    public Optional<String> name(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(names.get(code));
    }

    /** All codes, in list order. */
    public Set<String> codes() { return names.keySet(); }

    public int size() { return names.size(); }

    @Override
    public String toString() { return id + "(" + names.size() + " codes)"; }

    static String upper(String s) { return s.trim().toUpperCase(Locale.ROOT); }
}
