package org.smartcustoms.tariff;

import java.util.List;

/**
 * A tariff data file (nomenclature, rate schedule, exchange rates) was rejected. Files are all-or-nothing: one
 * bad line rejects the whole file, so a half-loaded tariff can never be used for assessment. {@link #errors()}
 * lists every problem as {@code "line N: message"}.
 */
public class TariffDataException extends RuntimeException {
    private final String source;
    private final List<String> errors;

    public TariffDataException(String source, List<String> errors) {
        super(source + " rejected with " + errors.size() + " error(s):\n  " + String.join("\n  ", errors));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    public String source() { return source; }

    public List<String> errors() { return errors; }
}
