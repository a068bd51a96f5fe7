package org.smartcustoms.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
    String intel, intelName, officer, u;

    @BeforeEach
    void setUp() {
        u = TestUsers.unique().toUpperCase();
        intelName = "intel-" + u;
        intel = TestUsers.token(users, intelName, Role.INTELLIGENCE, null);
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

    /** A seizure involving a new person and a new company; returns {seizure, person, company} ids. */
    private String[] caseWithParties(String personName) {
        String person = api.post("/api/v1/enforcement/persons", intel, JSON, "{\"name\": \"" + personName + "\", \"nationality\": \"RU\", "
                + "\"birthDate\": \"1980-05-06\", \"documentNumber\": \"P" + u + "\", \"address\": \"1-2 Harbour Road, Kobe\"}").json().get("id").asText();
        String company = api.post("/api/v1/enforcement/companies", intel, JSON, "{\"name\": \"Exch Trading " + u + "\", \"country\": \"JP\", "
                + "\"partyId\": \"JP5" + u + "\", \"address\": \"9 Dock St\"}").json().get("id").asText();
        ApiClient.Response s = api.post("/api/v1/enforcement/seizures", intel, JSON, "{\"date\": \"" + LocalDate.now().minusDays(1)
                + "\", \"office\": \"JPTYO100\", \"detectionMethod\": \"DOG\", \"goods\": \"heroin\", \"quantity\": 2, \"unit\": \"KG\", "
                + "\"concealment\": \"suitcase lining\", \"route\": {\"departure\": \"TH\", \"destination\": \"JP\"}, \"outcome\": \"arrested: "
                + personName + "\", \"involved\": [{\"entity\": \"PERSON:" + person + "\", \"role\": \"COURIER\"}, "
                + "{\"entity\": \"COMPANY:" + company + "\", \"role\": \"IMPORTER\"}]}");
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        return new String[] {s.json().get("id").asText(), person, company};
    }

    @Test
    void anExportPseudonymisesPersonsUnlessItHasALegalBasis() throws Exception {
        String name = "Olga Exportova " + u;
        String[] c1 = caseWithParties(name);
        String[] c2 = caseWithParties("Someone Else " + u);

        ApiClient.Response r = api.get("/api/v1/enforcement/export?ids=" + c1[0] + "," + c2[0], intel);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("personalData").asText()).isEqualTo("PSEUDONYMISED");
        assertThat(doc.get("cases")).hasSize(2);
        JsonNode first = doc.get("cases").get(0);
        assertThat(first.get("reference").asText()).isEqualTo(c1[0]);
        assertThat(first.get("commodity").asText()).isEqualTo("DRUGS_HEROIN");
        assertThat(first.get("concealment").asText()).isEqualTo("suitcase lining");
        JsonNode courier = first.get("parties").get(0);
        assertThat(courier.get("type").asText()).isEqualTo("PERSON");
        assertThat(courier.get("pseudonym").asText()).matches("PX-[0-9A-F]{16}");
        assertThat(courier.get("nationality").asText()).isEqualTo("RU");
        assertThat(courier.get("birthYear").asInt()).isEqualTo(1980);
        assertThat(first.get("parties").get(1).get("name").asText()).isEqualTo("Exch Trading " + u);
        assertThat(first.has("outcome")).isFalse();
        // nothing that names or identifies the person, anywhere in the document
        assertThat(r.body()).doesNotContain("Exportova").doesNotContain(c1[1]).doesNotContain("P" + u).doesNotContain("Harbour")
                .doesNotContain("1980-05-06").doesNotContain("JP5" + u);
        // the pseudonym is stable (a partner can link two exchanges), and differs between persons
        JsonNode again = api.get("/api/v1/enforcement/export?ids=" + c1[0] + "&format=json", intel).json();
        assertThat(again.get("cases").get(0).get("parties").get(0).get("pseudonym").asText()).isEqualTo(courier.get("pseudonym").asText());
        assertThat(doc.get("cases").get(1).get("parties").get(0).get("pseudonym").asText()).isNotEqualTo(courier.get("pseudonym").asText());

        // XML: the same content, well-formed, still pseudonymised
        ApiClient.Response x = api.get("/api/v1/enforcement/export?ids=" + c1[0] + "&format=xml", intel);
        assertThat(x.status()).as(x.toString()).isEqualTo(200);
        assertThat(x.contentType()).contains("xml");
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(x.body().getBytes(StandardCharsets.UTF_8)));
        var xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(xp.evaluate("/cenExchange/cases/case/reference", xml)).isEqualTo(c1[0]);
        assertThat(xp.evaluate("/cenExchange/cases/case/parties/party[1]/pseudonym", xml)).isEqualTo(courier.get("pseudonym").asText());
        assertThat(xp.evaluate("/cenExchange/cases/case/route/departure", xml)).isEqualTo("TH");
        assertThat(x.body()).doesNotContain("Exportova");

        // with a legal basis: the person's details and the outcome, and the basis is in the audit trail
        ApiClient.Response lb = api.get("/api/v1/enforcement/export?ids=" + c1[0] + "&legalBasis=MAA+request+2026-17", intel);
        JsonNode p = lb.json().get("cases").get(0).get("parties").get(0);
        assertThat(lb.json().get("personalData").asText()).isEqualTo("INCLUDED");
        assertThat(p.get("name").asText()).isEqualTo(name);
        assertThat(p.get("documentNumber").asText()).isEqualTo("P" + u);
        assertThat(lb.json().get("cases").get(0).get("outcome").asText()).contains(name);
        var audited = auditLog.find(intelName, "ENFORCEMENT_EXPORTED", null, 0, 10).items();
        assertThat(audited).hasSize(4);
        assertThat(audited.get(0).details()).contains("MAA request 2026-17").contains(c1[0]);

        // bad selections are 4xx problems; officers may not export
        assertThat(api.get("/api/v1/enforcement/export", intel).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/enforcement/export?ids=S-1999-9999", intel).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enforcement/export?ids=" + c1[0] + "&format=pdf", intel).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/enforcement/export?from=2026-13-01&to=2026-01-01", intel).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/enforcement/export?ids=" + c1[0], officer).status()).isEqualTo(403);
    }

    /** A JPEG carrying an EXIF segment with a GPS-like marker right after its start-of-image. */
    static byte[] jpegWithExif(String marker) throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(8, 8, 30, 20);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", plain);
        byte[] p = plain.toByteArray();
        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.write("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        exif.write(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0});   // TIFF header, empty IFD
        exif.write(marker.getBytes(StandardCharsets.ISO_8859_1));
        int len = exif.size() + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(p, 0, 2);                                                 // SOI
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len});
        exif.writeTo(out);
        out.write(p, 2, p.length - 2);
        return out.toByteArray();
    }

    private java.net.http.HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void photosAreCheckedByContentAndComeBackWithoutMetadata() throws Exception {
        String seizure = caseWithParties("Photo Person " + u)[0];
        byte[] jpeg = jpegWithExif("GPSLatitude 35.6586N SECRET-" + u);
        assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).contains("Exif").contains("SECRET-" + u);

        ApiClient.Response up = api.post("/api/v1/enforcement/seizures/" + seizure + "/photos?caption=false+floor", officer, "image/jpeg", jpeg);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        assertThat(up.json().get("width").asInt()).isEqualTo(64);
        assertThat(up.json().get("mediaType").asText()).isEqualTo("image/jpeg");
        String photo = up.json().get("id").asText();

        var got = getBytes("/api/v1/enforcement/seizures/" + seizure + "/photos/" + photo, officer);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/jpeg");
        String raw = new String(got.body(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("Exif").doesNotContain("SECRET-" + u).doesNotContain("GPS");
        var back = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(got.body()));
        assertThat(back.getWidth()).isEqualTo(64);
        assertThat(back.getHeight()).isEqualTo(48);
        // the analyst (who may read seizures) sees it too; traders do not
        assertThat(api.get("/api/v1/enforcement/seizures/" + seizure + "/photos", TestUsers.token(users, Role.ANALYST, null)).json()
                .get(0).get("caption").asText()).isEqualTo("false floor");
        assertThat(getBytes("/api/v1/enforcement/seizures/" + seizure + "/photos/" + photo,
                TestUsers.token(users, Role.TRADER, "JP" + u)).statusCode()).isEqualTo(403);

        // a PNG keeps its kind; a text file named .jpg, a truncated JPEG and an oversized file are refused, nothing stored
        java.awt.image.BufferedImage small = new java.awt.image.BufferedImage(5, 7, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(small, "png", png);
        ApiClient.Response p = api.post("/api/v1/enforcement/seizures/" + seizure + "/photos", officer, "image/png", png.toByteArray());
        assertThat(p.status()).as(p.toString()).isEqualTo(201);
        assertThat(p.json().get("mediaType").asText()).isEqualTo("image/png");
        ApiClient.Response text = api.post("/api/v1/enforcement/seizures/" + seizure + "/photos", officer, "image/jpeg",
                "<script>alert(1)</script>".getBytes());
        assertThat(text.status()).as(text.toString()).isEqualTo(415);
        assertThat(text.contentType()).contains("application/problem+json");
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 40);
        assertThat(api.post("/api/v1/enforcement/seizures/" + seizure + "/photos", officer, "image/jpeg", truncated).status()).isEqualTo(415);
        byte[] huge = java.util.Arrays.copyOf(jpeg, 11 * 1024 * 1024);
        ApiClient.Response big = api.post("/api/v1/enforcement/seizures/" + seizure + "/photos", officer, "image/jpeg", huge);
        assertThat(big.status()).as(big.toString()).isEqualTo(413);
        assertThat(api.get("/api/v1/enforcement/seizures/" + seizure + "/photos", officer).json()).hasSize(2);
        assertThat(api.post("/api/v1/enforcement/seizures/S-1999-9999/photos", officer, "image/png", png.toByteArray()).status()).isEqualTo(404);
    }

    private Map<String, Long> bars(String by, String range, String token) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (JsonNode b : api.get("/api/v1/enforcement/stats?by=" + by + range, token).json().get("bars")) m.put(b.get("key").asText(), b.get("seizures").asLong());
        return m;
    }

    /** What the import added to each bar (the database may hold other tests' seizures of the same months). */
    private static Map<String, Long> added(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new java.util.LinkedHashMap<>();
        after.forEach((k, v) -> { long n = v - before.getOrDefault(k, 0L); if (n != 0) d.put(k, n); });
        return d;
    }

    @Test
    void chartsCountSeizuresByMonthCommodityRouteAndConcealmentWithCsv() {
        int year = 1990 + Math.floorMod(u.hashCode(), 30);
        String range = "&from=" + year + "-01-01&to=" + year + "-04-30";
        String analyst = TestUsers.token(users, Role.ANALYST, null);
        String conceal = "hollow " + u.toLowerCase();
        Map<String, Map<String, Long>> before = new java.util.HashMap<>();
        for (String by : List.of("month", "commodity", "route", "concealment")) before.put(by, bars(by, range, analyst));
        String csv = "date,office,category,goods,quantity,concealment,departure,destination\n"
                + year + "-01-10,X" + u + ",TOBACCO,cigarettes,1,Hollow " + u + ",BY,PL\n"
                + year + "-01-20,X" + u + ",TOBACCO,cigarettes,1,hollow " + u + " ,BY,PL\n"
                + year + "-03-05,X" + u + ",DRUGS_COCAINE,cocaine,1,=HYPERLINK(" + u + "),CO,NL\n";
        ApiClient.Response imp = importFile("text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imp.status()).as(imp.toString()).isEqualTo(201);

        Map<String, Long> month = bars("month", range, analyst);
        assertThat(month.keySet()).containsExactly(year + "-01", year + "-02", year + "-03", year + "-04");   // empty months listed
        assertThat(added(before.get("month"), month)).containsExactly(Map.entry(year + "-01", 2L), Map.entry(year + "-03", 1L));
        assertThat(added(before.get("commodity"), bars("commodity", range, analyst)))
                .containsOnly(Map.entry("TOBACCO", 2L), Map.entry("DRUGS_COCAINE", 1L));
        assertThat(added(before.get("route"), bars("route", range, analyst))).containsOnly(Map.entry("BY > PL", 2L), Map.entry("CO > NL", 1L));
        assertThat(added(before.get("concealment"), bars("concealment", range, analyst)))
                .containsOnly(Map.entry(conceal, 2L), Map.entry("=hyperlink(" + u.toLowerCase() + ")", 1L));

        ApiClient.Response c = api.get("/api/v1/enforcement/stats?by=concealment&format=csv" + range, analyst);
        assertThat(c.status()).isEqualTo(200);
        assertThat(c.contentType()).startsWith("text/csv");
        assertThat(c.body()).startsWith("concealment,seizures\r\n").contains("\r\n" + conceal + ",2\r\n")
                .contains("\r\n'=hyperlink(" + u.toLowerCase() + "),1\r\n");   // a label never runs as a spreadsheet formula
        assertThat(api.get("/api/v1/enforcement/stats?by=colour", analyst).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/enforcement/stats?by=month", TestUsers.token(users, Role.TRADER, "JP" + u)).status()).isEqualTo(403);
    }
}
