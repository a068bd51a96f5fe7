package org.smartcustoms.declaration;

/**
 * Transport facts: border transport mode (UN/ECE Rec 19 digit), nationality of the active means, arrival
 * (or departure) transport means identification and its type code, plus the loading and unloading places.
 * Every field is optional: which ones are mandatory depends on the declaration type.
 */
public record Transport(String borderModeCode, String inlandModeCode, String nationality, String meansId,
                        String meansTypeCode, String loadingLocation, String unloadingLocation,
                        String departureCountry, String containerFlag) {
    public static final Transport NONE = new Transport(null, null, null, null, null, null, null, null, null);

    public Transport {
        nationality = upper(nationality);
        departureCountry = upper(departureCountry);
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
