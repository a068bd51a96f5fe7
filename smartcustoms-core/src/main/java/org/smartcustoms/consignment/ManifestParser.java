package org.smartcustoms.consignment;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a manifest (CSV with a header line, or JSON lines) from a byte stream, record by record, and hands each row
 * to a sink as {@link ManifestRow.Parsed} or {@link ManifestRow.Rejected} with every reason. Nothing is buffered
 * beyond one record, so a file of 100,000 consignments streams in constant memory.
 *
 * <ul>
 * <li>Records end at a line feed (CR LF accepted); in CSV a quoted field may span lines. Blank lines are skipped.
 * Row numbers are the file's line numbers where the record starts (the CSV header is line 1).</li>
 * <li>Each record must be valid UTF-8 (a leading byte-order mark is ignored): a record that is not is rejected with
 * {@link RowProblem.Code#ENCODING} and the byte offset, the others are still read. A CSV header that is not UTF-8,
 * lacks a required column or names an unknown one makes the whole file unreadable ({@link ManifestFormatException}).</li>
 * <li>A record longer than {@link #MAX_RECORD_BYTES} is rejected ({@link RowProblem.Code#TOO_LONG}) without being
 * held in memory.</li>
 * <li>A last line without a line break that is incomplete (open quote, missing columns, broken JSON) is rejected as
 * {@link RowProblem.Code#TRUNCATED}; a complete one is accepted.</li>
 * </ul>
 * Duplicates are not the parser's business: it reads rows, the intake decides which are new.
 */
public final class ManifestParser {
    /** The longest record accepted, in bytes. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ManifestFormat format;

    public ManifestParser(ManifestFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    /** Reads every row of the stream into the sink; the stream is read to its end but not closed. */
    public void parse(InputStream in, Consumer<ManifestRow> sink) throws IOException {
        RecordReader records = new RecordReader(in, format == ManifestFormat.CSV);
        ManifestColumn[] columns = null;
        boolean anyLine = false;
        while (records.next()) {
            if (records.blank()) continue;
            anyLine = true;
            int row = records.startLine;
            if (format == ManifestFormat.CSV && columns == null) {
                columns = header(records);
                continue;
            }
            if (records.tooLong) {
                sink.accept(new ManifestRow.Rejected(row, null, List.of(new RowProblem("", RowProblem.Code.TOO_LONG,
                        "row " + row + " is longer than " + MAX_RECORD_BYTES + " bytes"))));
                continue;
            }
            int bad = Utf8.firstInvalid(records.buf, records.len);
            if (bad >= 0) {
                sink.accept(new ManifestRow.Rejected(row, null, List.of(new RowProblem("", RowProblem.Code.ENCODING,
                        "row " + row + " is not valid UTF-8 (byte " + (bad + 1) + " of the row); manifests must be UTF-8"))));
                continue;
            }
            String text = new String(records.buf, 0, records.len, StandardCharsets.UTF_8);
            boolean last = !records.terminated;
            sink.accept(format == ManifestFormat.CSV ? csvRow(row, text, columns, last) : jsonRow(row, text, last));
        }
        if (format == ManifestFormat.CSV && columns == null) {
            throw new ManifestFormatException(List.of("the manifest is empty: a CSV manifest starts with a header line naming its columns"));
        }
        if (format != ManifestFormat.CSV && !anyLine) {
            throw new ManifestFormatException(List.of("the manifest is empty: a JSON-lines manifest has one consignment object per line"));
        }
    }

    private static ManifestColumn[] header(RecordReader r) {
        if (r.tooLong) throw new ManifestFormatException(List.of("the CSV header line is longer than " + MAX_RECORD_BYTES + " bytes"));
        if (Utf8.firstInvalid(r.buf, r.len) >= 0) throw new ManifestFormatException(List.of("the CSV header line is not valid UTF-8"));
        List<String> names = Csv.split(new String(r.buf, 0, r.len, StandardCharsets.UTF_8));
        List<String> errors = new ArrayList<>();
        if (names == null) throw new ManifestFormatException(List.of("the CSV header line has an unterminated quote"));
        ManifestColumn[] cols = new ManifestColumn[names.size()];
        boolean[] seen = new boolean[ManifestColumn.values().length];
        for (int i = 0; i < names.size(); i++) {
            var c = ManifestColumn.of(names.get(i));
            if (c.isEmpty()) {
                errors.add("unknown column '" + names.get(i).strip() + "' in the CSV header");
                continue;
            }
            if (seen[c.get().ordinal()]) errors.add("column '" + c.get().header() + "' appears twice in the CSV header");
            seen[c.get().ordinal()] = true;
            cols[i] = c.get();
        }
        for (ManifestColumn c : ManifestColumn.values()) {
            if (c.required() && !seen[c.ordinal()]) errors.add("the CSV header lacks the required column '" + c.header() + "'");
        }
        if (!errors.isEmpty()) throw new ManifestFormatException(errors);
        return cols;
    }

    private static ManifestRow csvRow(int row, String text, ManifestColumn[] columns, boolean last) {
        List<String> fields = Csv.split(text);
        if (fields == null || fields.size() != columns.length) {
            String what = fields == null ? "a quoted field is not closed"
                    : "it has " + fields.size() + " columns, the header " + columns.length;
            String id = fields != null && !fields.isEmpty() && columns[0] == ManifestColumn.CONSIGNMENT_ID ? blankToNull(fields.get(0)) : null;
            RowProblem.Code code = last ? RowProblem.Code.TRUNCATED : RowProblem.Code.MALFORMED;
            String message = last ? "the last line ends without a line break and is incomplete: " + what : "row " + row + " is malformed: " + what;
            return new ManifestRow.Rejected(row, id, List.of(new RowProblem("", code, message)));
        }
        String[] v = new String[ManifestColumn.values().length];
        for (int i = 0; i < columns.length; i++) v[columns[i].ordinal()] = blankToNull(fields.get(i));
        return build(row, v, new ArrayList<>());
    }

    private static ManifestRow jsonRow(int row, String text, boolean last) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            RowProblem.Code code = last ? RowProblem.Code.TRUNCATED : RowProblem.Code.MALFORMED;
            String message = last ? "the last line ends without a line break and is incomplete JSON: " + why
                    : "row " + row + " is not a JSON object: " + why;
            return new ManifestRow.Rejected(row, null, List.of(new RowProblem("", code, message)));
        }
        if (node == null || !node.isObject()) {
            return new ManifestRow.Rejected(row, null, List.of(new RowProblem("", RowProblem.Code.MALFORMED,
                    "row " + row + " is not a JSON object")));
        }
        String[] v = new String[ManifestColumn.values().length];
        List<RowProblem> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            var c = ManifestColumn.of(e.getKey());
            if (c.isEmpty() || !c.get().header().equals(e.getKey())) {
                problems.add(new RowProblem(e.getKey(), RowProblem.Code.INVALID, "unknown field '" + e.getKey() + "'"));
                continue;
            }
            JsonNode x = e.getValue();
            if (x.isNull()) continue;
            if (x.isTextual()) v[c.get().ordinal()] = blankToNull(x.textValue());
            else if (x.isNumber()) v[c.get().ordinal()] = x.decimalValue().toPlainString();
            else problems.add(new RowProblem(e.getKey(), RowProblem.Code.INVALID, e.getKey() + " must be text or a number"));
        }
        return build(row, v, problems);
    }

    /** Checks every field, so that a rejected row lists all its problems, then builds the record. */
    static ManifestRow build(int row, String[] v, List<RowProblem> problems) {
        String id = check(problems, ManifestColumn.CONSIGNMENT_ID, () -> Fields.reference(v[0], LowValueConsignment.MAX_ID, "consignment_id"));
        check(problems, ManifestColumn.HOUSE_DOCUMENT, () -> Fields.reference(get(v, ManifestColumn.HOUSE_DOCUMENT), 70, "house_document"));
        if (get(v, ManifestColumn.MASTER_DOCUMENT) != null) {
            check(problems, ManifestColumn.MASTER_DOCUMENT, () -> Fields.reference(get(v, ManifestColumn.MASTER_DOCUMENT), 70, "master_document"));
        }
        ConsignmentParty seller = party(problems, v, ManifestColumn.SELLER_ID, ManifestColumn.SELLER_NAME, ManifestColumn.SELLER_COUNTRY);
        ConsignmentParty buyer = party(problems, v, ManifestColumn.BUYER_ID, ManifestColumn.BUYER_NAME, ManifestColumn.BUYER_COUNTRY);
        check(problems, ManifestColumn.BUYER_POSTCODE, () -> Fields.optional(get(v, ManifestColumn.BUYER_POSTCODE), 17, "buyer_postcode"));
        check(problems, ManifestColumn.PLATFORM_ID, () -> Fields.optional(get(v, ManifestColumn.PLATFORM_ID), 35, "platform_id"));
        check(problems, ManifestColumn.DESCRIPTION, () -> Fields.required(get(v, ManifestColumn.DESCRIPTION), 512, "description"));
        check(problems, ManifestColumn.HS6, () -> {
            String s = Fields.required(get(v, ManifestColumn.HS6), 6, "hs6");
            if (!Fields.sixDigits(s)) throw new IllegalArgumentException("hs6 must be 6 digits, got '" + s + "'");
            return s;
        });
        BigDecimal quantity = check(problems, ManifestColumn.QUANTITY, () -> Fields.positive(number(get(v, ManifestColumn.QUANTITY), "quantity"), "quantity"));
        BigDecimal mass = get(v, ManifestColumn.GROSS_MASS_KG) == null ? null
                : check(problems, ManifestColumn.GROSS_MASS_KG, () -> Fields.positive(number(get(v, ManifestColumn.GROSS_MASS_KG), "gross_mass_kg"), "gross_mass_kg"));
        BigDecimal value = check(problems, ManifestColumn.VALUE, () -> {
            BigDecimal x = number(get(v, ManifestColumn.VALUE), "value");
            if (x.signum() < 0) throw new IllegalArgumentException("value must not be negative");
            return Fields.bounded(x, "value");
        });
        check(problems, ManifestColumn.CURRENCY, () -> {
            String c = Fields.required(get(v, ManifestColumn.CURRENCY), 3, "currency").toUpperCase(java.util.Locale.ROOT);
            if (!org.smartcustoms.codes.CodeLists.CURRENCIES.isValid(c)) throw new IllegalArgumentException("currency must be an ISO 4217 code, got '" + c + "'");
            return c;
        });
        check(problems, ManifestColumn.ORIGIN, () -> Fields.country(get(v, ManifestColumn.ORIGIN), "origin"));
        check(problems, ManifestColumn.DISPATCH_COUNTRY, () -> Fields.optionalCountry(get(v, ManifestColumn.DISPATCH_COUNTRY), "dispatch_country"));
        if (!problems.isEmpty()) return new ManifestRow.Rejected(row, id, problems);
        try {
            return new ManifestRow.Parsed(row, new LowValueConsignment(id, get(v, ManifestColumn.HOUSE_DOCUMENT),
                    get(v, ManifestColumn.MASTER_DOCUMENT), seller, buyer, get(v, ManifestColumn.BUYER_POSTCODE),
                    get(v, ManifestColumn.PLATFORM_ID), get(v, ManifestColumn.DESCRIPTION), get(v, ManifestColumn.HS6),
                    quantity, mass, value, get(v, ManifestColumn.CURRENCY), get(v, ManifestColumn.ORIGIN),
                    get(v, ManifestColumn.DISPATCH_COUNTRY)));
        } catch (IllegalArgumentException e) {
            return new ManifestRow.Rejected(row, id, List.of(new RowProblem("", RowProblem.Code.INVALID, e.getMessage())));
        }
    }

    private static ConsignmentParty party(List<RowProblem> problems, String[] v, ManifestColumn id, ManifestColumn name, ManifestColumn country) {
        int before = problems.size();
        check(problems, id, () -> Fields.optional(get(v, id), 35, id.header()));
        check(problems, name, () -> Fields.required(get(v, name), 140, name.header()));
        check(problems, country, () -> Fields.country(get(v, country), country.header()));
        if (problems.size() > before) return null;
        return new ConsignmentParty(get(v, id), get(v, name), get(v, country));
    }

    private static String get(String[] v, ManifestColumn c) {
        return v[c.ordinal()];
    }

    private static BigDecimal number(String s, String field) {
        if (s == null) throw new IllegalArgumentException(field + " is required");
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, got '" + s + "'");
        }
    }

    private static <T> T check(List<RowProblem> problems, ManifestColumn column, Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            RowProblem.Code code = m != null && m.endsWith(" is required") ? RowProblem.Code.MISSING : RowProblem.Code.INVALID;
            problems.add(new RowProblem(column.header(), code, m));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Splits a byte stream into records (line feed ends one; in CSV mode not inside quotes), with line numbers. */
    private static final class RecordReader {
        private final InputStream in;
        private final boolean csv;
        private final byte[] chunk = new byte[64 * 1024];
        private int pos;
        private int limit;
        private boolean eof;
        private int line = 1;
        private boolean first = true;
        byte[] buf = new byte[1024];
        int len;
        int startLine;
        boolean terminated;
        boolean tooLong;

        RecordReader(InputStream in, boolean csv) {
            this.in = in;
            this.csv = csv;
        }

        boolean blank() {
            for (int i = 0; i < len; i++) if (buf[i] != ' ' && buf[i] != '\t') return false;
            return !tooLong;
        }

        /** Reads the next record into buf[0..len); false at the end of the stream. */
        boolean next() throws IOException {
            len = 0;
            tooLong = false;
            terminated = false;
            startLine = line;
            boolean quoted = false;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) break;
                }
                byte b = chunk[pos++];
                any = true;
                if (b == '\n') {
                    line++;
                    if (!quoted) {
                        terminated = true;
                        break;
                    }
                } else if (b == '"' && csv) {
                    quoted = !quoted;
                }
                if (len < MAX_RECORD_BYTES) {
                    if (len == buf.length) buf = Arrays.copyOf(buf, Math.min(MAX_RECORD_BYTES, buf.length * 2));
                    buf[len++] = b;
                } else {
                    tooLong = true;
                }
            }
            if (first) {
                first = false;
                if (len >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                    System.arraycopy(buf, 3, buf, 0, len - 3);
                    len -= 3;
                }
            }
            if (terminated && len > 0 && buf[len - 1] == '\r') len--;
            return any;
        }

        private boolean fill() throws IOException {
            int n = in.read(chunk, 0, chunk.length);
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }
    }

    /** RFC 4180 fields of one record: quotes around a field, doubled quotes inside; null if a quote is not closed. */
    static final class Csv {
        private Csv() { }

        static List<String> split(String s) {
            List<String> out = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            int i = 0;
            int n = s.length();
            while (true) {
                f.setLength(0);
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = s.charAt(i++);
                        if (c == '"') {
                            if (i < n && s.charAt(i) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                closed = true;
                                break;
                            }
                        } else {
                            f.append(c);
                        }
                    }
                    if (!closed) return null;
                    while (i < n && s.charAt(i) != ',') i++; // text after the closing quote is ignored
                } else {
                    int comma = s.indexOf(',', i);
                    int end = comma < 0 ? n : comma;
                    f.append(s, i, end);
                    i = end;
                }
                out.add(f.toString());
                if (i >= n) return out;
                i++; // the comma
                if (i == n) {
                    out.add("");
                    return out;
                }
            }
        }
    }

    /** Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF). */
    static final class Utf8 {
        private Utf8() { }

        /** The offset of the first byte that is not part of valid UTF-8, or -1. */
        static int firstInvalid(byte[] b, int len) {
            int i = 0;
            while (i < len) {
                int c = b[i] & 0xFF;
                if (c < 0x80) {
                    i++;
                    continue;
                }
                int need;
                int min;
                if (c >= 0xC2 && c <= 0xDF) { need = 1; min = 0x80; }
                else if (c >= 0xE0 && c <= 0xEF) { need = 2; min = 0x800; }
                else if (c >= 0xF0 && c <= 0xF4) { need = 3; min = 0x10000; }
                else return i;
                if (i + need >= len) return i;
                int cp = c & (0x3F >> need);
                for (int k = 1; k <= need; k++) {
                    int x = b[i + k] & 0xFF;
                    if ((x & 0xC0) != 0x80) return i;
                    cp = (cp << 6) | (x & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
                i += need + 1;
            }
            return -1;
        }
    }
}
