package org.smartcustoms.risk.rules;

import java.util.Locale;

/**
 * Where a rule can apply: the index keys of the rule. Every field is optional (null = any); a rule with
 * no key at all is global and is evaluated for every item, so global rules should be few.
 * {@code hsPrefix} is 2, 4, 6, 8 or 10 digits; {@code partyId} matches any party on the declaration.
 */
public record RuleScope(String hsPrefix, String origin, String partyId, String officeId) {
    public static final RuleScope GLOBAL = new RuleScope(null, null, null, null);

    public RuleScope {
        hsPrefix = blank(hsPrefix);
        origin = blank(origin) == null ? null : origin.trim().toUpperCase(Locale.ROOT);
        partyId = blank(partyId);
        officeId = blank(officeId);
        if (hsPrefix != null && (!hsPrefix.chars().allMatch(c -> c >= '0' && c <= '9')
                || hsPrefix.length() % 2 != 0 || hsPrefix.length() > 10)) {
            throw new IllegalArgumentException("hsPrefix must be 2, 4, 6, 8 or 10 digits: " + hsPrefix);
        }
    }

    public boolean isGlobal() {
        return hsPrefix == null && origin == null && partyId == null && officeId == null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
