package org.smartcustoms.tariff;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The declared commodity code does not exist in the nomenclature on the given date. Carries the nearest valid
 * codes so the trader (or the officer) can correct the classification instead of guessing.
 */
public class UnknownCommodityCodeException extends RuntimeException {
    private final String code;
    private final LocalDate date;
    private final List<CommodityCode> nearest;

    public UnknownCommodityCodeException(String code, LocalDate date, List<CommodityCode> nearest) {
        super("Unknown commodity code '" + code + "'" + (date == null ? "" : " on " + date)
                + (nearest.isEmpty() ? "" : "; nearest valid codes: " + nearest.stream()
                .map(c -> c.code() + " (" + c.description() + ")").collect(Collectors.joining(", "))));
        this.code = code;
        this.date = date;
        this.nearest = List.copyOf(nearest);
    }

    public String code() { return code; }

    public LocalDate date() { return date; }

    public List<CommodityCode> nearest() { return nearest; }

    /** Just the codes of {@link #nearest()}. */
    public List<String> nearestCodes() { return nearest.stream().map(CommodityCode::code).toList(); }
}
