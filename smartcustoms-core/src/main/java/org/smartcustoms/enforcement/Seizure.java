package org.smartcustoms.enforcement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A seizure or offence: when and where, how it was detected, the commodity (CEN category, quantity, unit, estimated
 * value), how the goods were hidden, the means of conveyance and route, who was involved and in what role, and the
 * declarations and inspection result it comes from. {@code id} is the reference officers quote, e.g. {@code S-2026-0042}.
 */
public record Seizure(String id, LocalDate date, String office, DetectionMethod detectionMethod, CommodityCategory category,
                      String goods, BigDecimal quantity, String unit, BigDecimal value, String currency, String concealment,
                      String conveyance, Route route, List<Involvement> involved, List<String> declarationIds,
                      Long inspectionResultId, String outcome, String recordedBy, Instant recordedAt) {

    /** Departure, transit and destination countries or places. */
    public record Route(String departure, List<String> transit, String destination) {
        public Route {
            departure = Codes.text("route.departure", departure, 70, false);
            destination = Codes.text("route.destination", destination, 70, false);
            transit = transit == null ? List.of() : transit.stream().map(t -> Codes.text("route.transit", t, 70, false))
                    .filter(Objects::nonNull).toList();
            if (transit.size() > 20) throw new IllegalArgumentException("route.transit has at most 20 places");
        }

        public static Route none() { return new Route(null, List.of(), null); }

        /** "CO → NL → JP" (empty when nothing is known). */
        public String text() {
            List<String> all = new java.util.ArrayList<>();
            if (departure != null) all.add(departure);
            all.addAll(transit);
            if (destination != null) all.add(destination);
            return String.join(" → ", all);
        }
    }

    public Seizure {
        if (id == null || !id.matches("S-\\d{4}-\\d{4,}")) throw new IllegalArgumentException("seizure id must look like S-2026-0042");
        Objects.requireNonNull(date, "date is required");
        office = Codes.text("office", office, 35, true);
        Objects.requireNonNull(detectionMethod, "detectionMethod");
        Objects.requireNonNull(category, "category");
        goods = Codes.text("goods", goods, 500, true);
        if (quantity == null || quantity.signum() <= 0) throw new IllegalArgumentException("quantity must be greater than 0");
        if (quantity.compareTo(new BigDecimal("1e16")) >= 0) throw new IllegalArgumentException("quantity is too large");
        unit = Codes.text("unit", unit, 16, false);
        if (value != null && value.signum() < 0) throw new IllegalArgumentException("value must not be negative");
        if (value != null && value.compareTo(new BigDecimal("1e17")) >= 0) throw new IllegalArgumentException("value is too large");
        currency = Codes.text("currency", currency, 3, false);
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be an ISO 4217 code such as JPY");
        }
        if (value != null && currency == null) throw new IllegalArgumentException("currency is required with a value");
        concealment = Codes.text("concealment", concealment, 1000, false);
        conveyance = Codes.text("conveyance", conveyance, 200, false);
        route = route == null ? Route.none() : route;
        involved = involved == null ? List.of() : List.copyOf(involved);
        declarationIds = declarationIds == null ? List.of() : declarationIds.stream()
                .map(x -> Codes.text("declarationIds", x, 40, true)).distinct().toList();
        outcome = Codes.text("outcome", outcome, 2000, false);
        recordedBy = Codes.text("recordedBy", recordedBy, 100, true);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** Dates must not lie after {@code today} (no seizure in the future). */
    public void checkNotFuture(LocalDate today) {
        if (date.isAfter(today)) throw new IllegalArgumentException("date " + date + " is in the future");
    }

    /** "12 kg cocaine in machine parts, 2026-03": what an officer reads on a targeting reason. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(quantity.stripTrailingZeros().toPlainString());
        if (unit != null) sb.append(' ').append(unit.toLowerCase(Locale.ROOT));
        sb.append(' ').append(goods);
        if (concealment != null) sb.append(" in ").append(concealment);
        sb.append(", ").append(date.format(DateTimeFormatter.ofPattern("yyyy-MM")));
        return sb.toString();
    }
}
