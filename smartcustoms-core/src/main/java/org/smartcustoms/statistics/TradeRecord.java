package org.smartcustoms.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One goods item of an accepted declaration, as statistics see it. {@code value} is the statistical (customs) value
 * in national currency units, {@code duty} the duty assessed, also in national currency. {@code traderId} is the
 * responsible trader (importer for imports, exporter for exports, else the declarant): the unit whose
 * confidentiality disclosure control protects.
 */
public record TradeRecord(String declarationId, String traderId, Flow flow, LocalDate date, String hs6, String partner,
                          String office, long value, double netMassKg, long duty) {
    public TradeRecord {
        Objects.requireNonNull(declarationId, "declarationId");
        Objects.requireNonNull(traderId, "traderId");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(date, "date");
        if (hs6 == null || hs6.length() < 6 || !hs6.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("HS code must have at least 6 digits: " + hs6);
        }
        hs6 = hs6.substring(0, 6);
        partner = partner == null || partner.isBlank() ? "ZZ" : partner;
        office = office == null || office.isBlank() ? "unknown" : office;
        if (value < 0 || netMassKg < 0 || duty < 0) throw new IllegalArgumentException("negative figures");
    }

    public YearMonth month() { return YearMonth.from(date); }
}
