package org.smartcustoms.tariff;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a small headed CSV file into rows that remember their physical line number (for error messages). */
final class Csv {
    private Csv() { }

    record Row(int line, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.trim();
        }
    }

    /** Rows plus structural errors (wrong field count) that the caller reports with its own. */
    record Table(List<String> header, List<Row> rows, List<String> errors) { }

    /**
     * Reads the whole file. Header names are lower-cased and trimmed; a UTF-8 BOM is ignored; lines starting
     * with {@code #} are comments; blank lines are skipped. Missing required columns and malformed CSV are
     * reported as a {@link TariffDataException}.
     */
    static Table read(Reader reader, String source, Set<String> required) {
        String text;
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = reader.read(buf)) > 0; ) sb.append(buf, 0, n);
            text = sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> header = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            int pos = 0;
            int line = 1;
            for (CSVRecord rec : parser) {
                for (long end = rec.getCharacterPosition(); pos < end && pos < text.length(); pos++) {
                    if (text.charAt(pos) == '\n') line++;
                }
                // the record's position includes comment and blank lines before it: skip them
                while (pos < text.length()) {
                    int eol = text.indexOf('\n', pos);
                    String physical = text.substring(pos, eol < 0 ? text.length() : eol);
                    if (!(physical.isBlank() || physical.startsWith("#")) || eol < 0) break;
                    pos = eol + 1;
                    line++;
                }
                if (header == null) {
                    header = rec.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
                    List<String> missing = required.stream().filter(c -> !rec.stream()
                            .map(h -> h.trim().toLowerCase(Locale.ROOT)).toList().contains(c)).sorted().toList();
                    if (!missing.isEmpty()) {
                        throw new TariffDataException(source, List.of("line " + line + ": missing column(s) "
                                + missing + " in header " + header));
                    }
                    continue;
                }
                if (rec.size() > header.size()) {
                    errors.add("line " + line + ": " + rec.size() + " fields but the header has " + header.size()
                            + " (quote values that contain commas, e.g. \"max(5%, 1 EUR/KGM)\")");
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < rec.size(); i++) values.put(header.get(i), rec.get(i));
                rows.add(new Row(line, values));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new TariffDataException(source, List.of("malformed CSV: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) throw new TariffDataException(source, List.of("line 1: empty file, header expected"));
        return new Table(header, rows, errors);
    }
}
