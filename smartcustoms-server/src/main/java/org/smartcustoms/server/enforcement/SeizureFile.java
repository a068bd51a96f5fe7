package org.smartcustoms.server.enforcement;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.io.StringReader;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpStatus;

/**
 * Reads a seizure file — Excel (.xlsx, recognised by its content: a ZIP container) or CSV (UTF-8, comma or
 * semicolon) — into rows of named cells with their line numbers (the spreadsheet's row number; the CSV's line).
 * The first row names the columns ({@link #COLUMNS}, any case). A file that cannot be read is a 400.
 */
final class SeizureFile {
    static final List<String> COLUMNS = List.of("reference", "date", "office", "detectionMethod", "category", "goods", "quantity",
            "unit", "value", "currency", "concealment", "conveyance", "departure", "transit", "destination", "outcome");
    static final int MAX_ROWS = 5000;

    /** One data row: its line number and cells by column name (blank cells absent). */
    record Line(int number, Map<String, String> cells) {
        String get(String column) { return cells.get(column); }
    }

    private SeizureFile() { }

    static List<Line> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw bad("the file is empty");
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) return xlsx(bytes);
        if (bytes.length >= 4 && (bytes[0] & 0xff) == 0xD0 && (bytes[1] & 0xff) == 0xCF && (bytes[2] & 0xff) == 0x11 && (bytes[3] & 0xff) == 0xE0) {
            throw bad("old Excel (.xls) workbooks are not read: save the sheet as .xlsx or CSV");
        }
        return csv(bytes);
    }

    private static List<Line> xlsx(byte[] bytes) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (wb.getNumberOfSheets() == 0) throw bad("the workbook has no sheet");
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter(Locale.ROOT);
            List<String> header = null;
            List<Line> lines = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) cells.add(cell(row.getCell(c), fmt));
                if (cells.stream().allMatch(String::isEmpty)) continue;
                if (header == null) { header = header(cells); continue; }
                if (lines.size() >= MAX_ROWS) throw tooMany();
                lines.add(new Line(row.getRowNum() + 1, named(header, cells, row.getRowNum() + 1)));
            }
            return done(header, lines);
        } catch (EnforcementExchangeException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            throw bad("the file is not a readable Excel (.xlsx) workbook");
        }
    }

    private static String cell(Cell cell, DataFormatter fmt) {
        if (cell == null) return "";
        CellType t = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (t == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            return new BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros().toPlainString();
        }
        if (t == CellType.STRING) return cell.getStringCellValue().strip();
        if (t == CellType.BOOLEAN) return Boolean.toString(cell.getBooleanCellValue());
        return fmt.formatCellValue(cell).strip();
    }

    private static List<Line> csv(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad("the file is neither an Excel (.xlsx) workbook nor a UTF-8 CSV file");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.indexOf('\0') >= 0) throw bad("the file is neither an Excel (.xlsx) workbook nor a UTF-8 CSV file");
        String first = text.lines().findFirst().orElse("");
        char delimiter = first.chars().filter(ch -> ch == ';').count() > first.chars().filter(ch -> ch == ',').count() ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        List<String> header = null;
        List<Line> lines = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : p) {
                int line = (int) p.getCurrentLineNumber();
                List<String> cells = r.toList().stream().map(String::strip).toList();
                if (cells.stream().allMatch(String::isEmpty)) continue;
                if (header == null) { header = header(cells); continue; }
                if (lines.size() >= MAX_ROWS) throw tooMany();
                lines.add(new Line(line, named(header, cells, line)));
            }
        } catch (EnforcementExchangeException e) {
            throw e;
        } catch (Exception e) {
            throw bad("the CSV file is malformed (an unclosed quote?)");
        }
        return done(header, lines);
    }

    private static List<String> header(List<String> cells) {
        List<String> names = new ArrayList<>();
        for (String c : cells) {
            if (c.isEmpty()) { names.add(null); continue; }
            String name = COLUMNS.stream().filter(k -> k.equalsIgnoreCase(c.replace(" ", "").replace("_", ""))).findFirst()
                    .orElseThrow(() -> bad("line 1: unknown column \"" + (c.length() > 40 ? c.substring(0, 40) : c)
                            + "\"; the columns are " + String.join(", ", COLUMNS)));
            if (names.contains(name)) throw bad("line 1: column " + name + " appears twice");
            names.add(name);
        }
        for (String required : List.of("date", "office", "goods", "quantity")) {
            if (!names.contains(required)) throw bad("line 1: the column " + required + " is required; the columns are " + String.join(", ", COLUMNS));
        }
        return names;
    }

    private static Map<String, String> named(List<String> header, List<String> cells, int line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).isEmpty()) continue;
            if (i >= header.size() || header.get(i) == null) {
                throw new EnforcementExchangeException(HttpStatus.UNPROCESSABLE_ENTITY, "the file was not imported",
                        List.of("line " + line + ": a value in column " + (i + 1) + ", which has no name in line 1"));
            }
            m.put(header.get(i), cells.get(i));
        }
        return m;
    }

    private static List<Line> done(List<String> header, List<Line> lines) {
        if (header == null || lines.isEmpty()) throw bad("the file has no seizure rows (line 1 names the columns: " + String.join(", ", COLUMNS) + ")");
        return lines;
    }

    private static EnforcementExchangeException tooMany() {
        return new EnforcementExchangeException(HttpStatus.PAYLOAD_TOO_LARGE, "a file has at most " + MAX_ROWS + " seizure rows");
    }

    private static EnforcementExchangeException bad(String detail) {
        return new EnforcementExchangeException(HttpStatus.BAD_REQUEST, detail);
    }
}
