package org.smartcustoms.tariff;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable in-memory {@link ExchangeRates}. CSV format: {@code currency,rate,valid_from} where rate is the
 * national-currency value of one unit of the currency (e.g. {@code USD,0.92,2024-01-01}). A rate applies from
 * its valid_from until the next one for the same currency.
 */
public final class ExchangeRateTable implements ExchangeRates {

    /** One published rate. */
    public record ExchangeRate(String currency, BigDecimal rate, LocalDate validFrom) {
        public ExchangeRate {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(validFrom, "validFrom");
            currency = currency.trim().toUpperCase(Locale.ROOT);
            if (!currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be 3 letters: " + currency);
            if (rate.signum() <= 0) throw new IllegalArgumentException("rate must be positive: " + rate);
        }
    }

    private final String national;
    private final Map<String, NavigableMap<LocalDate, BigDecimal>> rates;

    private ExchangeRateTable(String national, Map<String, NavigableMap<LocalDate, BigDecimal>> rates) {
        this.national = national;
        this.rates = rates;
    }

    public static ExchangeRateTable of(String nationalCurrency, Collection<ExchangeRate> rates) {
        String nat = nationalCurrency.trim().toUpperCase(Locale.ROOT);
        Map<String, NavigableMap<LocalDate, BigDecimal>> m = new HashMap<>();
        for (ExchangeRate r : rates) {
            if (m.computeIfAbsent(r.currency(), k -> new TreeMap<>()).put(r.validFrom(), r.rate()) != null) {
                throw new IllegalArgumentException("two rates for " + r.currency() + " from " + r.validFrom());
            }
        }
        m.replaceAll((k, v) -> java.util.Collections.unmodifiableNavigableMap(v));
        return new ExchangeRateTable(nat, Map.copyOf(m));
    }

    /** Parses the CSV, all-or-nothing, errors as {@code "line N: message"}. */
    public static ExchangeRateTable parse(Reader reader, String source, String nationalCurrency) {
        Csv.Table t = Csv.read(reader, source, Set.of("currency", "rate", "valid_from"));
        List<String> errors = new ArrayList<>(t.errors());
        List<ExchangeRate> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Csv.Row row : t.rows()) {
            try {
                ExchangeRate r = new ExchangeRate(row.get("currency"), new BigDecimal(row.get("rate")),
                        LocalDate.parse(row.get("valid_from")));
                Integer dup = seen.put(r.currency() + "@" + r.validFrom(), row.line());
                if (dup != null) errors.add("line " + row.line() + ": duplicates line " + dup);
                else out.add(r);
            } catch (NumberFormatException e) {
                errors.add("line " + row.line() + ": rate is not a number: '" + row.get("rate") + "'");
            } catch (DateTimeParseException e) {
                errors.add("line " + row.line() + ": valid_from must be ISO yyyy-mm-dd: '" + row.get("valid_from") + "'");
            } catch (IllegalArgumentException e) {
                errors.add("line " + row.line() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new TariffDataException(source, errors);
        return of(nationalCurrency, out);
    }

    @Override
    public String nationalCurrency() { return national; }

    @Override
    public BigDecimal rate(String currency, LocalDate date) {
        Objects.requireNonNull(date, "date");
        String c = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
        if (c.equals(national)) return BigDecimal.ONE;
        NavigableMap<LocalDate, BigDecimal> m = rates.get(c);
        var e = m == null ? null : m.floorEntry(date);
        if (e == null) throw new MissingExchangeRateException(c, date);
        return e.getValue();
    }

    /** Currencies with at least one rate. */
    public Set<String> currencies() { return new java.util.TreeSet<>(rates.keySet()); }
}
