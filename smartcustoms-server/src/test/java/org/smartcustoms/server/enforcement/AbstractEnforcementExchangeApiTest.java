package org.smartcustoms.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Exchange with other administrations over HTTP: seizure import from .xlsx and CSV (all or nothing, errors by line,
 * duplicates refused). Subclasses run it on H2 and on PostgreSQL.
 */
@ApiTest
abstract class AbstractEnforcementExchangeApiTest extends ApiTestSupport {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    String intel, officer, u;

    @BeforeEach
    void setUp() {
        u = TestUsers.unique().toUpperCase();
        intel = TestUsers.token(users, "intel-" + u, Role.INTELLIGENCE, null);
        officer = TestUsers.token(users, "officer-" + u, Role.OFFICER, null);
    }

    private int seizureCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM enf_seizure", Integer.class);
    }

    private ApiClient.Response importFile(String contentType, byte[] body) {
        return api.post("/api/v1/enforcement/import?fileName=test-" + u, intel, contentType, body);
    }

    static byte[] xlsx(Object[][] rows, boolean dateCells) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sh = wb.createSheet("Seizures");
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            for (int i = 0; i < rows.length; i++) {
                Row r = sh.createRow(i);
                for (int c = 0; c < rows[i].length; c++) {
                    Object v = rows[i][c];
                    if (v == null) continue;
                    var cell = r.createCell(c);
                    if (v instanceof Number n) cell.setCellValue(n.doubleValue());
                    else if (v instanceof LocalDate d && dateCells) { cell.setCellValue(d); cell.setCellStyle(dateStyle); }
                    else cell.setCellValue(v.toString());
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void anXlsxFileIsImportedOnceWithDateCellsAndCodes() throws IOException {
        LocalDate d = LocalDate.now().minusDays(3);
        byte[] file = xlsx(new Object[][] {
                {"Reference", "Date", "Office", "Detection method", "Category", "Goods", "Quantity", "Unit", "Value", "Currency",
                        "Concealment", "Departure", "Transit", "Destination"},
                {"NL-" + u + "-1", d, "NLRTM100", "XRAY", null, "cocaine bricks", 12.5, "KG", 900000, "EUR", "banana boxes", "EC", "PA; ES", "NL"},
                {"NL-" + u + "-2", d, "NLRTM100", "DOG", "TOBACCO", "cigarettes", 40000, "PCE", null, null, "false floor", "BY", null, "NL"},
        }, true);
        int before = seizureCount();
        ApiClient.Response r = importFile(XLSX, file);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("count").asInt()).isEqualTo(2);
        String first = r.json().get("seizures").get(0).asText();
        JsonNode s = api.get("/api/v1/enforcement/seizures/" + first, intel).json().get("seizure");
        assertThat(s.get("date").asText()).isEqualTo(d.toString());
        assertThat(s.get("category").asText()).isEqualTo("DRUGS_COCAINE");   // inferred from the goods
        assertThat(s.get("detectionMethod").asText()).isEqualTo("XRAY");
        assertThat(s.get("quantity").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(s.get("route").get("transit")).extracting(JsonNode::asText).containsExactly("PA", "ES");
        assertThat(seizureCount()).isEqualTo(before + 2);

        // the same file again: refused, nothing stored twice
        ApiClient.Response again = importFile(XLSX, file);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.contentType()).contains("application/problem+json");
        // another file carrying an already imported reference: refused by line
        byte[] other = xlsx(new Object[][] {{"reference", "date", "office", "goods", "quantity"},
                {"NL-" + u + "-3", d.toString(), "NLRTM100", "heroin", 1}, {"NL-" + u + "-2", d.toString(), "NLRTM100", "cigarettes", 5}}, false);
        ApiClient.Response dup = importFile(XLSX, other);
        assertThat(dup.status()).as(dup.toString()).isEqualTo(422);
        assertThat(dup.json().get("errors").get(0).asText()).startsWith("line 3: reference NL-" + u + "-2 was imported before as S-");
        assertThat(seizureCount()).isEqualTo(before + 2);
    }

    @Test
    void aCsvWithBadRowsStoresNothingAndNamesEachLine() {
        String future = LocalDate.now().plusDays(10).toString();
        String past = LocalDate.now().minusDays(1).toString();
        String csv = "date;office;detectionMethod;category;goods;quantity;unit\n"
                + past + ";JPTYO100;XRAY;TOBACCO;cigarettes;100;PCE\n"
                + past + ";JPTYO100;TELEPATHY;TOBACCO;cigarettes;100;PCE\n"
                + future + ";JPTYO100;XRAY;TOBACCO;cigarettes;100;PCE\n"
                + "14/03/2026;JPTYO100;XRAY;TOBACCO;cigarettes;100;PCE\n"
                + past + ";JPTYO100;XRAY;TOBACCO;cigarettes;lots;PCE\n";
        int before = seizureCount();
        ApiClient.Response r = importFile("text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).contains("application/problem+json");
        List<String> errors = java.util.stream.StreamSupport.stream(r.json().get("errors").spliterator(), false).map(JsonNode::asText).toList();
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0)).startsWith("line 3: ").contains("XRAY");          // the allowed codes are named
        assertThat(errors.get(1)).startsWith("line 4: ").contains("future");
        assertThat(errors.get(2)).startsWith("line 5: date must be a date");
        assertThat(errors.get(3)).startsWith("line 6: quantity must be a number");
        assertThat(seizureCount()).isEqualTo(before);   // the good line 2 was not stored either

        // corrected, the same rows import (a different file)
        ApiClient.Response ok = importFile("text/csv", ("date,office,goods,quantity\n" + past + ",JPTYO100,\"cigarettes, 200 cartons\",200\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(seizureCount()).isEqualTo(before + 1);
    }

    @Test
    void unreadableFilesAreRefusedWithoutDetail() {
        int before = seizureCount();
        byte[] brokenZip = {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8};
        for (byte[] bad : List.of(brokenZip, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0, 'x'}, "date,office,goods,quantity\n".getBytes(),
                "date,office,colour\n2026-01-01,X,red\n".getBytes(), "date,office,goods,quantity\n\"2026-01-01,X,cocaine,1\n".getBytes(),
                new byte[0])) {
            ApiClient.Response r = importFile("application/octet-stream", bad);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.contentType()).contains("application/problem+json");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("org.apache");
        }
        assertThat(importFile("text/csv", "date,office,colour\n".getBytes()).json().get("detail").asText())
                .contains("unknown column \"colour\"");
        assertThat(seizureCount()).isEqualTo(before);
        // officers do not import
        assertThat(api.post("/api/v1/enforcement/import", officer, "text/csv", "date,office,goods,quantity\n".getBytes()).status()).isEqualTo(403);
    }
}
