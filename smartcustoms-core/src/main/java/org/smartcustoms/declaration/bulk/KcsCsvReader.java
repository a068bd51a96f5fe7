package org.smartcustoms.declaration.bulk;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.smartcustoms.declaration.AdditionalInformation;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Transport;
import org.smartcustoms.declaration.Violation;

/**
 * Reads the Korea Customs Service (KCS) synthetic import-declaration CSV, the public data set our fraud model
 * is trained and benchmarked on, and the format our demo generator emits. Each line is one declaration with
 * one goods item; the Fraud / Critical Fraud columns become the {@link BulkRow.Label}.
 *
 * <p>The header is required. All columns are mandatory except {@code Fraud} and {@code Critical Fraud}: without
 * them (or when empty on a line) rows carry no label, which is how live, not yet inspected files look.
 * {@link BulkRow#rowNumber()} is the 1-based number of the data row: the header is not counted, so row 1 is
 * the first line after the header. Violation paths are the KCS column names.
 *
 * <p>Mapping of KCS codes onto the WCO model:
 * <ul>
 * <li>{@code Mode of Transport} is the Korean two-digit code, the UN/ECE Rec 19 digit followed by 0 (10 sea,
 * 20 rail, 30 road, 40 air, 50 post, 90 own propulsion / other); it becomes the Rec 19 digit. A single Rec 19
 * digit is taken as it is; any other value is kept as given, so the validator names it.</li>
 * <li>{@code Process Type} (the KCS declaration processing type, e.g. B) is not a UCC additional declaration
 * type (DE 1/2: B there would mean a simplified declaration): the type is plain {@code IM} and the process type
 * is kept as item additional information {@link #INFO_PROCESS_TYPE}.</li>
 * <li>The data set has no goods description column: items carry {@code DATA_SET = KCS}
 * ({@link DeclarationValidator#DATA_SET}), under which the validator requires the HS6 code but no description.
 * No description is invented.</li>
 * </ul>
 */
public final class KcsCsvReader implements BulkReader {

    public static final String DECLARATION_ID = "Declaration ID";
    public static final String DATE = "Date";
    public static final String OFFICE_ID = "Office ID";
    public static final String PROCESS_TYPE = "Process Type";
    public static final String IMPORT_TYPE = "Import Type";
    public static final String IMPORT_USE = "Import Use";
    public static final String PAYMENT_TYPE = "Payment Type";
    public static final String MODE_OF_TRANSPORT = "Mode of Transport";
    public static final String DECLARANT_ID = "Declarant ID";
    public static final String IMPORTER_ID = "Importer ID";
    public static final String SELLER_ID = "Seller ID";
    public static final String COURIER_ID = "Courier ID";
    public static final String HS6_CODE = "HS6 Code";
    public static final String COUNTRY_OF_DEPARTURE = "Country of Departure";
    public static final String COUNTRY_OF_ORIGIN = "Country of Origin";
    public static final String TAX_RATE = "Tax Rate";
    public static final String TAX_TYPE = "Tax Type";
    public static final String ORIGIN_INDICATOR = "Country of Origin Indicator";
    public static final String NET_MASS = "Net Mass";
    public static final String ITEM_PRICE = "Item Price";
    public static final String FRAUD = "Fraud";
    public static final String CRITICAL_FRAUD = "Critical Fraud";

    /** Codes of {@link AdditionalInformation} carrying KCS columns that have no WCO field. */
    public static final String INFO_PAYMENT_TYPE = "PAYMENT_TYPE";
    public static final String INFO_TAX_RATE = "TAX_RATE";
    public static final String INFO_ORIGIN_INDICATOR = "ORIGIN_INDICATOR";
    public static final String INFO_PROCESS_TYPE = "PROCESS_TYPE";
    /** The value of {@link DeclarationValidator#DATA_SET} on KCS items. */
    public static final String DATA_SET = "KCS";

    /** The currency of KCS item prices. */
    public static final String CURRENCY = "KRW";

    static final List<String> REQUIRED = List.of(DECLARATION_ID, DATE, OFFICE_ID, PROCESS_TYPE, IMPORT_TYPE, IMPORT_USE,
            PAYMENT_TYPE, MODE_OF_TRANSPORT, DECLARANT_ID, IMPORTER_ID, SELLER_ID, COURIER_ID, HS6_CODE,
            COUNTRY_OF_DEPARTURE, COUNTRY_OF_ORIGIN, TAX_RATE, TAX_TYPE, ORIGIN_INDICATOR, NET_MASS, ITEM_PRICE);

    @Override
    public long read(Reader in, Consumer<BulkRow> sink) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) throw new IOException("KCS file has no header line");
            Set<String> missing = new LinkedHashSet<>(REQUIRED);
            missing.removeAll(header.keySet());
            if (!missing.isEmpty()) throw new IOException("KCS file is missing columns: " + String.join(", ", missing));
            boolean hasFraud = header.containsKey(FRAUD);
            boolean hasCritical = header.containsKey(CRITICAL_FRAUD);
            long row = 0;
            for (CSVRecord rec : parser) {
                row++;
                sink.accept(toRow(row, rec, hasFraud, hasCritical));
            }
            return row;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static BulkRow toRow(long row, CSVRecord rec, boolean hasFraud, boolean hasCritical) {
        List<Violation> errors = new ArrayList<>();
        String id = value(rec, DECLARATION_ID);
        if (id == null) errors.add(violation(row, DECLARATION_ID, "KCS_MISSING_ID", "declaration id is empty"));
        LocalDate date = null;
        String dateText = value(rec, DATE);
        try {
            if (dateText == null) throw new DateTimeParseException("empty", "", 0);
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            errors.add(violation(row, DATE, "KCS_BAD_DATE", "date must be YYYY-MM-DD, found '" + nz(dateText) + "'"));
        }
        BigDecimal mass = amount(row, rec, NET_MASS, errors);
        BigDecimal price = amount(row, rec, ITEM_PRICE, errors);
        String taxRate = value(rec, TAX_RATE);
        if (taxRate != null) amount(row, rec, TAX_RATE, errors);
        BulkRow.Label label = null;
        String fraud = hasFraud ? value(rec, FRAUD) : null;
        if (fraud != null) {
            String crit = hasCritical ? value(rec, CRITICAL_FRAUD) : null;
            try {
                int f = Integer.parseInt(fraud);
                int c = crit == null ? 0 : Integer.parseInt(crit);
                if (f != 0 && f != 1) throw new NumberFormatException();
                label = new BulkRow.Label(f == 1, c);
            } catch (IllegalArgumentException e) {
                errors.add(violation(row, FRAUD, "KCS_BAD_LABEL",
                        "Fraud must be 0/1 and Critical Fraud 0..2, found '" + fraud + "'/'" + nz(crit) + "'"));
            }
        }
        if (!errors.isEmpty()) return BulkRow.rejected(row, errors);

        List<Party> parties = new ArrayList<>(4);
        addParty(parties, PartyRole.DECLARANT, value(rec, DECLARANT_ID));
        addParty(parties, PartyRole.IMPORTER, value(rec, IMPORTER_ID));
        addParty(parties, PartyRole.SELLER, value(rec, SELLER_ID));
        addParty(parties, PartyRole.CARRIER, value(rec, COURIER_ID));
        Transport transport = new Transport(transportMode(value(rec, MODE_OF_TRANSPORT)), null, null, null, null, null, null,
                value(rec, COUNTRY_OF_DEPARTURE), null);
        String hs = value(rec, HS6_CODE);
        if (hs != null && hs.length() < 6) hs = "0".repeat(6 - hs.length()) + hs;
        Money value = new Money(price, CURRENCY);
        String procedure = nz(value(rec, IMPORT_TYPE)) + nz(value(rec, IMPORT_USE));
        List<AdditionalInformation> info = new ArrayList<>(5);
        info.add(new AdditionalInformation(INFO_PAYMENT_TYPE, value(rec, PAYMENT_TYPE)));
        info.add(new AdditionalInformation(INFO_TAX_RATE, taxRate));
        info.add(new AdditionalInformation(INFO_ORIGIN_INDICATOR, value(rec, ORIGIN_INDICATOR)));
        String processType = value(rec, PROCESS_TYPE);
        if (processType != null) info.add(new AdditionalInformation(INFO_PROCESS_TYPE, processType));
        info.add(new AdditionalInformation(DeclarationValidator.DATA_SET, DATA_SET));
        GoodsItem item = new GoodsItem(1, null, hs, value(rec, COUNTRY_OF_ORIGIN), null, new Quantity(mass, "KGM"),
                mass, null, value, value, null, procedure.isEmpty() ? null : procedure, List.of(),
                value(rec, TAX_TYPE), List.of(), List.of(), List.of(), info);
        Declaration d = new Declaration(FunctionCode.ORIGINAL, id,
                new DeclarationType("IM", null), value(rec, OFFICE_ID), date, parties, transport,
                null, null, null, null, List.of(), List.of(item));
        return BulkRow.ok(row, d, label);
    }

    /** KCS two-digit mode (Rec 19 digit + 0) to the Rec 19 digit; anything else as given. */
    static String transportMode(String kcs) {
        if (kcs != null && kcs.length() == 2 && kcs.charAt(1) == '0' && kcs.charAt(0) >= '1' && kcs.charAt(0) <= '9') {
            return kcs.substring(0, 1);
        }
        return kcs;
    }

    private static BigDecimal amount(long row, CSVRecord rec, String column, List<Violation> errors) {
        String text = value(rec, column);
        try {
            if (text == null) throw new NumberFormatException();
            BigDecimal v = new BigDecimal(text);
            if (v.signum() < 0) {
                errors.add(violation(row, column, "KCS_NEGATIVE", column + " must not be negative, found " + text));
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(violation(row, column, "KCS_BAD_NUMBER", column + " must be a number, found '" + nz(text) + "'"));
            return null;
        }
    }

    private static void addParty(List<Party> parties, PartyRole role, String id) {
        if (id != null) parties.add(new Party(role, id, null, null));
    }

    private static Violation violation(long row, String column, String code, String message) {
        return new Violation(column, code, "row " + row + ": " + message);
    }

    private static String value(CSVRecord rec, String column) {
        if (!rec.isSet(column)) return null;
        String v = rec.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
