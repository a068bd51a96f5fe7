package org.smartcustoms.travel;

import java.util.Locale;

/** Flight numbers: IATA airline designator (2 characters) or ICAO (3 letters), then 1 to 4 digits and an optional suffix. */
public final class Flights {
    private Flights() { }

    public static String normalise(String flight) {
        if (flight == null) throw new IllegalArgumentException("flight is required");
        String f = flight.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        if (!f.matches("([A-Z0-9]{2}|[A-Z]{3})[0-9]{1,4}[A-Z]?")) {
            throw new IllegalArgumentException("flight must be an airline code and a number, e.g. NH212");
        }
        return f;
    }
}
