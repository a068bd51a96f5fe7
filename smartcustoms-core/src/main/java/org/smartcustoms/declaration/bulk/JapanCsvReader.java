package org.smartcustoms.declaration.bulk;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.smartcustoms.codes.CodeLists;
import org.smartcustoms.declaration.AdditionalInformation;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Violation;

/**
 * Reads Japan Customs import declaration extracts (one declaration line per CSV record) so that Japanese
 * data can be scored and used for training beside Korean KCS data.
 *
 * <p>The first record is the header. Either English or Japanese column names are accepted (the order is free,
 * unknown columns are ignored, a UTF-8 byte-order mark is tolerated):
 * <pre>
 * declaration_no      申告番号       → lrn (type IM, function 9)
 * declaration_date    申告年月日     → declarationDate (yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd)
 * shipper_name        仕出人名       → SELLER party name
 * importer_no         輸入者符号     → IMPORTER party id
 * importer_name       輸入者名       → IMPORTER party name
 * hs_code             統計品目番号   → item commodity code: separators removed; the 9-digit statistical code
 *                                      is kept as is, a 10th NACCS check letter is dropped
 * invoice_price       インボイス価格 → item statisticalValue, in
 * currency            通貨           → its ISO 4217 currency
 * taxation_base_value 課税価格       → item customsValue in JPY
 * duty                関税額         → item additional information DECLARED_DUTY (JPY)
 * quantity            数量           → item quantity, in
 * unit                単位           → its unit: UN/ECE Rec 20 code or Japanese unit (KG, GR, NO, PC, DZ, PR, L, M, M2, M3, CT, ST, TNE/MT)
 * origin_country      原産地         → optional: item originCountry (ISO alpha-2)
 * </pre>
 * All columns except {@code origin_country} must be in the header (else IOException). When the unit is
 * kilograms the quantity is also the item's net mass. The extract has no goods description, so the item
 * description is {@code "Goods classified under <code>"}; without {@code origin_country} the origin is
 * {@code QU} ("not specified", the statistical code), so the rows remain importable and visibly unspecified.
 *
 * <p>Row numbers are 1-based data record numbers: the first record after the header is row 1. A row with
 * a missing or unparsable mandatory value, a negative amount or an unknown currency/unit becomes
 * {@link BulkRow#rejected} with violations whose paths are the English column names. The reader only
 * checks what it needs to build the declaration; run {@code DeclarationValidator} on accepted rows (as
 * for every intake channel). The file has no inspection outcome, so labels are null. The caller decides the
 * charset (Japanese files are often Shift_JIS): this reader takes characters.
 */
public final class JapanCsvReader implements BulkReader {
    /** The English header, in the documented order. */
    public static final List<String> COLUMNS = List.of("declaration_no", "declaration_date", "shipper_name",
            "importer_no", "importer_name", "hs_code", "invoice_price", "currency", "taxation_base_value", "duty",
            "quantity", "unit");
    static final String ORIGIN = "origin_country";
    /** Eurostat/WCO statistical code "countries and territories not specified", used when the extract has no origin. */
    static final String ORIGIN_NOT_SPECIFIED = "QU";
    static final String DECLARED_DUTY = "DECLARED_DUTY";
    /** The extract has no goods description; items are described by their code so that they stay valid. */
    static final String DESCRIPTION_PREFIX = "Goods classified under ";

    private static final Map<String, String> JAPANESE = Map.ofEntries(
            Map.entry("申告番号", "declaration_no"), Map.entry("申告年月日", "declaration_date"),
            Map.entry("仕出人名", "shipper_name"), Map.entry("輸入者符号", "importer_no"),
            Map.entry("輸入者名", "importer_name"), Map.entry("統計品目番号", "hs_code"),
            Map.entry("インボイス価格", "invoice_price"), Map.entry("通貨", "currency"),
            Map.entry("課税価格", "taxation_base_value"), Map.entry("関税額", "duty"),
            Map.entry("数量", "quantity"), Map.entry("単位", "unit"), Map.entry("原産地", ORIGIN));

    /** Japanese customs (NACCS) unit codes that differ from UN/ECE Rec 20. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("KG", "KGM"), Map.entry("GR", "GRM"), Map.entry("G", "GRM"), Map.entry("MT", "TNE"),
            Map.entry("NO", "NAR"), Map.entry("PC", "NAR"), Map.entry("PCS", "NAR"), Map.entry("DZ", "DZN"),
            Map.entry("PR", "NPR"), Map.entry("L", "LTR"), Map.entry("KL", "KLT"), Map.entry("M", "MTR"),
            Map.entry("M2", "MTK"), Map.entry("SM", "MTK"), Map.entry("M3", "MTQ"),
            Map.entry("CT", "CTM"), Map.entry("ST", "SET"), Map.entry("KWH", "KWH"));

    private static final Pattern NUMBER = Pattern.compile("-?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?");
    private static final Pattern HS = Pattern.compile("\\d{6,10}");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("uuuu/MM/dd"), DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.BASIC_ISO_DATE);

    @Override
    public long read(Reader in, Consumer<BulkRow> sink) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) throw new IOException("Japan CSV: empty file, header expected");
            Map<String, Integer> columns = header(records.next());
            long row = 0;
            while (records.hasNext()) {
                CSVRecord record;
                try {
                    record = records.next();
                } catch (RuntimeException e) { // commons-csv reports malformed quoting as UncheckedIOException
                    throw new IOException("Japan CSV: malformed record after data row " + row + ": " + e.getMessage(), e);
                }
                row++;
                sink.accept(toRow(row, record, columns));
            }
            return row;
        }
    }

    private static Map<String, Integer> header(CSVRecord header) throws IOException {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).replace("\uFEFF", "").trim();
            String english = JAPANESE.getOrDefault(name, name.toLowerCase(Locale.ROOT));
            columns.putIfAbsent(english, i);
        }
        List<String> missing = COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) throw new IOException("Japan CSV: header lacks column(s) " + missing);
        return columns;
    }

    private static BulkRow toRow(long row, CSVRecord record, Map<String, Integer> columns) {
        Fields f = new Fields(record, columns);
        String lrn = f.required("declaration_no");
        LocalDate date = f.date("declaration_date");
        String shipper = f.optional("shipper_name");
        String importerNo = f.required("importer_no");
        String importerName = f.optional("importer_name");
        String hs = f.hsCode("hs_code");
        BigDecimal invoice = f.amount("invoice_price", true);
        String currency = f.currency("currency");
        BigDecimal taxable = f.amount("taxation_base_value", true);
        BigDecimal duty = f.amount("duty", false);
        BigDecimal qty = f.amount("quantity", false);
        String unit = f.unit("unit", qty != null);
        String origin = f.origin();
        if (!f.errors.isEmpty()) return BulkRow.rejected(row, f.errors);

        List<Party> parties = new ArrayList<>();
        parties.add(new Party(PartyRole.IMPORTER, importerNo, importerName, "JP"));
        if (shipper != null) parties.add(new Party(PartyRole.SELLER, null, shipper, null));
        List<AdditionalInformation> info = duty == null ? List.of()
                : List.of(new AdditionalInformation(DECLARED_DUTY, duty.toPlainString()));
        Quantity quantity = qty == null ? null : new Quantity(qty, unit);
        BigDecimal netMass = qty != null && "KGM".equals(unit) && qty.signum() > 0 ? qty : null;
        Money invoiceMoney = new Money(invoice, currency);
        GoodsItem item = new GoodsItem(1, DESCRIPTION_PREFIX + hs, hs, origin, null, quantity, netMass, null,
                invoiceMoney, new Money(taxable, "JPY"), null, null, List.of(), null, List.of(), List.of(), List.of(), info);
        Declaration d = new Declaration(FunctionCode.ORIGINAL, lrn, new DeclarationType("IM", null), null, date,
                parties, null, null, invoiceMoney, null, null, List.of(), List.of(item));
        return BulkRow.ok(row, d, null);
    }

    /** Field access for one record, collecting every problem instead of stopping at the first. */
    private static final class Fields {
        final CSVRecord record;
        final Map<String, Integer> columns;
        final List<Violation> errors = new ArrayList<>();

        Fields(CSVRecord record, Map<String, Integer> columns) {
            this.record = record;
            this.columns = columns;
        }

        String optional(String column) {
            Integer i = columns.get(column);
            if (i == null || i >= record.size()) return null;
            String v = record.get(i).trim();
            return v.isEmpty() ? null : v;
        }

        String required(String column) {
            String v = optional(column);
            if (v == null) {
                Integer i = columns.get(column);
                boolean absent = i == null || i >= record.size();
                errors.add(new Violation(column, absent ? "MISSING_COLUMN" : "REQUIRED",
                        absent ? "the row has no value in column " + column + " (too few columns)" : column + " is empty"));
            }
            return v;
        }

        LocalDate date(String column) {
            String v = required(column);
            if (v == null) return null;
            for (DateTimeFormatter fmt : DATES) {
                try {
                    return LocalDate.parse(v, fmt);
                } catch (DateTimeParseException e) {
                    // try the next format
                }
            }
            errors.add(new Violation(column, "BAD_DATE", "'" + v + "' is not a date (yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd)"));
            return null;
        }

        BigDecimal amount(String column, boolean mandatory) {
            String v = mandatory ? required(column) : optionalOrMissing(column);
            if (v == null) return null;
            if (!NUMBER.matcher(v).matches()) {
                errors.add(new Violation(column, "BAD_NUMBER", "'" + v + "' is not a number"));
                return null;
            }
            BigDecimal n = new BigDecimal(v.replace(",", ""));
            if (n.signum() < 0) {
                errors.add(new Violation(column, "NEGATIVE_NUMBER", column + " must not be negative, got " + v));
                return null;
            }
            return n;
        }

        /** Optional value, but a row too short to have the column is still malformed. */
        String optionalOrMissing(String column) {
            Integer i = columns.get(column);
            if (i != null && i >= record.size()) {
                errors.add(new Violation(column, "MISSING_COLUMN", "the row has no value in column " + column + " (too few columns)"));
                return null;
            }
            return optional(column);
        }

        String hsCode(String column) {
            String v = required(column);
            if (v == null) return null;
            String code = v.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
            if (code.length() == 10 && Character.isLetter(code.charAt(9))) code = code.substring(0, 9);
            if (!HS.matcher(code).matches()) {
                errors.add(new Violation(column, "HS_CODE_FORMAT", "'" + v + "' is not a 6 to 10 digit commodity code"));
                return null;
            }
            return code;
        }

        String currency(String column) {
            String v = required(column);
            if (v == null) return null;
            String c = v.toUpperCase(Locale.ROOT);
            if (!CodeLists.CURRENCIES.isValid(c)) {
                errors.add(new Violation(column, "CURRENCY_CODE", "'" + v + "' is not an ISO 4217 currency"));
                return null;
            }
            return c;
        }

        String unit(String column, boolean needed) {
            String v = optionalOrMissing(column);
            if (v == null) {
                if (needed && errors.stream().noneMatch(e -> e.path().equals(column))) {
                    errors.add(new Violation(column, "REQUIRED", "a quantity needs a unit"));
                }
                return null;
            }
            String u = v.toUpperCase(Locale.ROOT);
            String mapped = CodeLists.UNITS.isValid(u) ? u : UNITS.get(u);
            if (mapped == null) {
                errors.add(new Violation(column, "QUANTITY_UNIT", "'" + v + "' is not a known unit"));
            }
            return mapped;
        }

        String origin() {
            String v = optional(ORIGIN);
            if (v == null) return ORIGIN_NOT_SPECIFIED;
            String c = v.toUpperCase(Locale.ROOT);
            if (!CodeLists.COUNTRIES.isValid(c)) {
                errors.add(new Violation(ORIGIN, "ORIGIN_COUNTRY", "'" + v + "' is not an ISO 3166-1 alpha-2 country"));
                return null;
            }
            return c;
        }
    }
}
