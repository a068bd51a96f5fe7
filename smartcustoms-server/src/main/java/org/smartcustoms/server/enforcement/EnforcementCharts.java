package org.smartcustoms.server.enforcement;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

/**
 * Seizures counted by month, commodity (CEN category), route (departure &gt; destination) or concealment method, for
 * the enforcement page's charts and their CSV export. Months without a seizure are listed with 0.
 */
@Service
class EnforcementCharts {
    static final int MAX_BARS = 200;

    /** One bar: its label and the number of seizures. */
    record Bar(String key, long seizures) { }

    record Chart(String by, LocalDate from, LocalDate to, List<Bar> bars) { }

    private final JdbcEnforcementStore store;
    private final Clock clock;

    EnforcementCharts(JdbcEnforcementStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Chart chart(String by, LocalDate from, LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusMonths(11).withDayOfMonth(1) : from;
        if (end.isBefore(start)) throw new IllegalArgumentException("to must not be before from");
        if (start.plusYears(20).isBefore(end)) throw new IllegalArgumentException("a chart covers at most 20 years");
        String b = by == null ? "month" : by.strip().toLowerCase();
        List<Map.Entry<String, Long>> rows = store.seizureCounts(b, start, end, MAX_BARS);
        List<Bar> bars = new ArrayList<>();
        if (b.equals("month")) {
            Map<String, Long> byMonth = new LinkedHashMap<>();
            for (var e : rows) {
                int ym = Integer.parseInt(e.getKey());
                byMonth.put(YearMonth.of(ym / 100, ym % 100).toString(), e.getValue());
            }
            for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(end)); m = m.plusMonths(1)) {
                bars.add(new Bar(m.toString(), byMonth.getOrDefault(m.toString(), 0L)));
            }
        } else {
            for (var e : rows) bars.add(new Bar(e.getKey().isEmpty() ? "(not recorded)" : e.getKey(), e.getValue()));
        }
        return new Chart(b, start, end, bars);
    }

    static String csv(Chart c) {
        try (StringWriter w = new StringWriter(); CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            p.printRecord(c.by(), "seizures");
            for (Bar bar : c.bars()) {
                String k = bar.key();
                // a spreadsheet must not run a label as a formula
                if (!k.isEmpty() && "=+-@\t\r".indexOf(k.charAt(0)) >= 0) k = "'" + k;
                p.printRecord(k, bar.seizures());
            }
            p.flush();
            return w.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
