package org.smartcustoms.declaration;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The WCO message function of a declaration (UN/EDIFACT 1225 subset): 9 original, 13 request for amendment,
 * 1 cancellation. The one place a function code is parsed: JSON, XML and CSV readers go through {@link #of} or
 * {@link #parse}, so an unknown code is always the violation {@value #VIOLATION} at {@code functionCode} (a 4xx).
 * In JSON it is written as its {@link #code()} (a string), as before it was an enum.
 */
public enum FunctionCode {
    ORIGINAL("9", "Original"),
    AMENDMENT("13", "Request for amendment"),
    CANCELLATION("1", "Cancellation");

    /** Violation code of an unknown function code. */
    public static final String VIOLATION = "FUNCTION_CODE";

    private final String code;
    private final String label;

    FunctionCode(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The WCO code, e.g. {@code "13"}. */
    @JsonValue
    public String code() {
        return code;
    }

    /** English name, e.g. "Request for amendment". */
    public String label() {
        return label;
    }

    /** The function with this code; leading zeros and surrounding blanks are ignored ({@code "01"} is 1). */
    public static Optional<FunctionCode> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        int i = 0;
        while (i < t.length() - 1 && t.charAt(i) == '0') i++;
        t = t.substring(i);
        for (FunctionCode f : values()) if (f.code.equals(t)) return Optional.of(f);
        return Optional.empty();
    }

    /**
     * The function with this code, {@link #ORIGINAL} for null or blank (the default of a declaration).
     *
     * @throws InvalidDeclarationException {@value #VIOLATION} at {@code functionCode} for any other code
     */
    @JsonCreator
    public static FunctionCode of(String text) {
        if (text == null || text.isBlank()) return ORIGINAL;
        return parse(text).orElseThrow(() -> new InvalidDeclarationException("functionCode", VIOLATION, unknown(text)));
    }

    /** The message of {@value #VIOLATION}. */
    public static String unknown(String text) {
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return "unknown function code '" + shown + "'; expected 9 (original), 13 (amendment) or 1 (cancellation)";
    }
}
