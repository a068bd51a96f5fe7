package org.smartcustoms.risk.watchlist;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.smartcustoms.risk.Threat;

/**
 * Imports watch lists from CSV with a header row. Parties:
 * {@code entry_id,party_id,name,aliases,reason,source,valid_from,valid_to} (aliases separated by '|').
 * Commodity targets: {@code entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason}. Dates are ISO
 * (yyyy-MM-dd) or empty. All bad rows are reported together with their line numbers; nothing is imported
 * from a file with errors.
 */
public final class WatchListCsv {
    private WatchListCsv() { }

    public static List<PartyEntry> readParties(Reader in) {
        return read(in, r -> new PartyEntry(req(r, "entry_id"), opt(r, "party_id"), opt(r, "name"),
                opt(r, "aliases") == null ? List.of() : Arrays.asList(opt(r, "aliases").split("\\|")),
                opt(r, "reason"), opt(r, "source"), date(r, "valid_from"), date(r, "valid_to")));
    }

    public static List<CommodityTarget> readCommodities(Reader in) {
        return read(in, r -> new CommodityTarget(req(r, "entry_id"), req(r, "hs_prefix"), opt(r, "origin"),
                date(r, "valid_from"), date(r, "valid_to"), threat(opt(r, "threat")), opt(r, "reason")));
    }

    private static <T> List<T> read(Reader in, Function<CSVRecord, T> row) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<T> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    out.add(row.apply(r));
                } catch (RuntimeException e) {
                    errors.add("line " + line + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            errors.add("malformed CSV: " + e.getMessage());
        }
        if (!errors.isEmpty()) throw new WatchListImportException(errors);
        return out;
    }

    private static String opt(CSVRecord r, String col) {
        if (!r.isMapped(col) || !r.isSet(col)) return null;
        String v = r.get(col);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String req(CSVRecord r, String col) {
        String v = opt(r, col);
        if (v == null) throw new IllegalArgumentException("missing " + col);
        return v;
    }

    private static LocalDate date(CSVRecord r, String col) {
        String v = opt(r, col);
        if (v == null) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(col + " is not a yyyy-MM-dd date: " + v);
        }
    }

    private static Threat threat(String v) {
        if (v == null) return null;
        try {
            return Threat.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown threat " + v + ", expected one of " + Arrays.toString(Threat.values()));
        }
    }
}
