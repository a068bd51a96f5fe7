package org.smartcustoms.statistics;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/** What a trade table shows: a flow over a period of whole months, broken down by 1 to 3 dimensions. */
public record TableSpec(Flow flow, YearMonth from, YearMonth to, List<Dimension> dimensions) {
    /** The earliest month a table may start (absurd periods are refused). */
    public static final YearMonth EARLIEST = YearMonth.of(1988, 1);
    /** The longest period of one table. */
    public static final int MAX_MONTHS = 120;

    public TableSpec {
        Objects.requireNonNull(flow, "flow");
        if (from == null || to == null) throw new IllegalArgumentException("Name the period: from=YYYY-MM and to=YYYY-MM");
        if (to.isBefore(from)) throw new IllegalArgumentException("The period is reversed: " + from + " is after " + to);
        if (from.isBefore(EARLIEST)) throw new IllegalArgumentException("The period starts before " + EARLIEST + ", when the HS began");
        if (to.isAfter(YearMonth.of(2100, 12))) throw new IllegalArgumentException("The period ends after 2100-12");
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) throw new IllegalArgumentException("A table covers at most " + MAX_MONTHS + " months");
        dimensions = Dimension.checked(List.copyOf(dimensions));
    }

    /** Parses {@code YYYY-MM} with a clear message. */
    public static YearMonth month(String name, String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("Name the period: " + name + "=YYYY-MM");
        try {
            return YearMonth.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a month YYYY-MM, not '" + text + "'");
        }
    }

    public boolean covers(TradeRecord r) {
        return r.flow() == flow && !r.month().isBefore(from) && !r.month().isAfter(to);
    }
}
