package org.smartcustoms.server.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestClock;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Research access end to end (apply, approve, signed single-use extract links, project-specific pseudonyms), the
 * refusals of bad and out-of-scope requests (each audited), and the public protected tables.
 */
abstract class AbstractStatisticsApiTest extends ApiTestSupport {
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    /** Declarations of {@code traders} importers in HS chapter 09 (coffee), one per trader and day. */
    private List<String> declareCoffee(int traders) {
        WorkspaceFixtures f = new WorkspaceFixtures(intake, jdbc);
        List<String> importers = new ArrayList<>();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        for (int i = 0; i < traders; i++) {
            String importer = "JPST" + run + i;
            importers.add(importer);
            f.declare(importer, "JPTYO100", day, "090111", i % 2 == 0 ? "BR" : "CO", String.valueOf(1000 + 250 * i), "60");
        }
        return importers;
    }

    private String apply(String researcher, String chapters, LocalDate end) {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        String body = """
                {"title": "Coffee import prices %s", "institution": "Demo University", "purpose": "Unit values of green coffee",
                 "legalBasis": "Statistics Act art. 33", "from": "%s", "to": "%s", "endDate": "%s",
                 "fields": ["month", "hs6", "partner", "trader", "value", "netMassKg"], "hsChapters": [%s], "flows": ["import"]}"""
                .formatted(run, now.minusMonths(2), now, end, chapters);
        ApiClient.Response r = api.post("/api/v1/research/projects", researcher, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private void approve(String steward, String project) {
        ApiClient.Response r = api.post("/api/v1/research/projects/" + project + "/decision", steward, JSON,
                "{\"approve\": true, \"reason\": \"Within the statistics act; output checked before release\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("APPROVED");
    }

    private JsonNode link(String researcher, String project, String body) {
        ApiClient.Response r = api.post("/api/v1/research/projects/" + project + "/extracts", researcher, JSON, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private long refusals(String actor) {
        auditLog.chainPending();
        return auditLog.find(actor, "STATISTICS_REQUEST_REFUSED", null, 0, 1).total();
    }

    private static List<String[]> rows(String csv) {
        List<String[]> out = new ArrayList<>();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) out.add(lines[i].split(",", -1));
        return out;
    }

    @Test
    void approvedProjectDownloadsPseudonymisedExtractOnceAndAnotherProjectsPseudonymsDiffer() {
        List<String> importers = declareCoffee(4);
        String researcher = token(Role.RESEARCHER, null), steward = token(Role.DATA_STEWARD, null);
        String p1 = apply(researcher, "\"09\"", LocalDate.now(ZoneOffset.UTC).plusMonths(6));
        String p2 = apply(researcher, "\"09\"", LocalDate.now(ZoneOffset.UTC).plusMonths(6));
        // not approved yet: no extract
        assertThat(api.post("/api/v1/research/projects/" + p1 + "/extracts", researcher, JSON, "{}").status()).isEqualTo(409);
        approve(steward, p1);
        approve(steward, p2);

        JsonNode l1 = link(researcher, p1, "{}");
        ApiClient.Response e1 = api.get(l1.get("url").asText(), researcher);
        assertThat(e1.status()).as(e1.toString()).isEqualTo(200);
        assertThat(e1.contentType()).startsWith("text/csv");
        assertThat(e1.body().lines().findFirst().orElseThrow()).isEqualTo("month,hs6,partner,trader,value,netMassKg");
        for (String importer : importers) assertThat(e1.body()).doesNotContain(importer);
        // the link works once
        assertThat(api.get(l1.get("url").asText(), researcher).status()).isEqualTo(410);

        ApiClient.Response e2 = api.get(link(researcher, p2, "{}").get("url").asText(), researcher);
        assertThat(e2.status()).isEqualTo(200);
        Set<String> t1 = new HashSet<>(), t2 = new HashSet<>();
        for (String[] r : rows(e1.body())) if (r[1].equals("090111")) t1.add(r[3]);
        for (String[] r : rows(e2.body())) if (r[1].equals("090111")) t2.add(r[3]);
        assertThat(t1).hasSizeGreaterThanOrEqualTo(4);
        assertThat(t2).hasSameSizeAs(t1);
        assertThat(t1).doesNotContainAnyElementsOf(t2);
        // same rows apart from the pseudonyms
        assertThat(rows(e1.body()).size()).isEqualTo(rows(e2.body()).size());

        auditLog.chainPending();
        JsonNode downloaded = auditLog.find(null, "RESEARCH_EXTRACT_DOWNLOADED", p1, 0, 5).items().stream()
                .map(a -> parse(a.details())).findFirst().orElseThrow();
        assertThat(downloaded.get("rows").asLong()).isEqualTo(rows(e1.body()).size());
        assertThat(downloaded.get("sha256").asText()).hasSize(64);
    }

    /** The raw bytes of a download (the shared client reads text). */
    private byte[] bytes(String path, String token) throws Exception {
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.apache.parquet");
        return r.body();
    }

    /** Reads a Parquet file back (parquet's own reader on a local file): the rows as maps of column to text. */
    private static List<java.util.Map<String, String>> readParquet(byte[] data) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("extract-test", ".parquet");
        java.nio.file.Files.write(file, data);
        List<java.util.Map<String, String>> out = new ArrayList<>();
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                new org.apache.parquet.io.LocalInputFile(file),
                org.apache.parquet.ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration()).build())) {
            org.apache.parquet.schema.MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            org.apache.parquet.column.page.PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                org.apache.parquet.io.RecordReader<org.apache.parquet.example.data.Group> records = new org.apache.parquet.io.ColumnIOFactory()
                        .getColumnIO(schema).getRecordReader(pages, new org.apache.parquet.example.data.simple.convert.GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    org.apache.parquet.example.data.Group g = records.read();
                    java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
                    for (org.apache.parquet.schema.Type t : schema.getFields()) row.put(t.getName(), g.getValueToString(schema.getFieldIndex(t.getName()), 0));
                    out.add(row);
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        return out;
    }

    @Test
    void parquetExtractReadsBackWithPseudonymsCoarsenedDatesAndTopCodedValues() throws Exception {
        List<String> importers = declareCoffee(5);
        String researcher = token(Role.RESEARCHER, null), steward = token(Role.DATA_STEWARD, null);
        String p = apply(researcher, "\"09\"", LocalDate.now(ZoneOffset.UTC).plusMonths(6));
        approve(steward, p);
        // the CSV extract of the same scope, as reference
        ApiClient.Response csv = api.get(link(researcher, p, "{}").get("url").asText(), researcher);
        assertThat(csv.status()).isEqualTo(200);
        List<String[]> csvRows = rows(csv.body());

        JsonNode l = link(researcher, p, "{\"format\": \"parquet\", \"fields\": [\"month\", \"hs6\", \"trader\", \"value\"], \"topCodePercent\": 10}");
        List<java.util.Map<String, String>> rows = readParquet(bytes(l.get("url").asText(), researcher));
        assertThat(rows).hasSize(csvRows.size());
        assertThat(rows.get(0).keySet()).containsExactly("month", "hs6", "trader", "value");
        Set<String> csvPseudonyms = new HashSet<>(), parquetPseudonyms = new HashSet<>();
        for (String[] r : csvRows) if (r[1].equals("090111")) csvPseudonyms.add(r[3]);
        for (var r : rows) if (r.get("hs6").equals("090111")) parquetPseudonyms.add(r.get("trader"));
        // the same project's pseudonyms in both formats, never a trader id
        assertThat(parquetPseudonyms).hasSizeGreaterThanOrEqualTo(5).isEqualTo(csvPseudonyms);
        for (var r : rows) assertThat(importers).doesNotContain(r.get("trader"));
        // top-coded: no value above the 90th percentile of the extract's values, and the largest raw value is capped
        List<Long> raw = csvRows.stream().map(r -> Long.parseLong(r[4])).sorted().toList();
        long cap = raw.get((int) Math.ceil(0.9 * raw.size()) - 1);
        for (var r : rows) assertThat(Long.parseLong(r.get("value"))).isLessThanOrEqualTo(cap);
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.get("value"))).max().orElseThrow()).isEqualTo(cap);

        // dates coarsened to the month
        List<java.util.Map<String, String>> coarse = readParquet(bytes(link(researcher, p,
                "{\"format\": \"parquet\", \"fields\": [\"hs6\", \"trader\"], \"coarsenDates\": true}").get("url").asText(), researcher));
        assertThat(coarse).hasSize(csvRows.size());

        auditLog.chainPending();
        JsonNode downloaded = auditLog.find(null, "RESEARCH_EXTRACT_DOWNLOADED", p, 0, 5).items().stream()
                .map(a -> parse(a.details())).filter(d -> "parquet".equals(d.path("scope").path("format").asText()))
                .filter(d -> d.path("scope").has("topCodePercent")).findFirst().orElseThrow();
        assertThat(downloaded.get("rows").asLong()).isEqualTo(rows.size());
        assertThat(downloaded.get("sha256").asText()).hasSize(64);
        assertProblem(api.post("/api/v1/research/projects/" + p + "/extracts", researcher, JSON, "{\"format\": \"xlsx\"}"), 400, "format");
        assertProblem(api.post("/api/v1/research/projects/" + p + "/extracts", researcher, JSON, "{\"topCodePercent\": 50}"), 400, "topCodePercent");
    }

    @Test
    void outputCheckingFlagsACellOfFewerThanThreeTradersAndTheStewardDecidesWithReasons() {
        declareCoffee(4);
        // two importers of roasted coffee (090121) only: a cell of 2 traders
        WorkspaceFixtures f = new WorkspaceFixtures(intake, jdbc);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        for (int i = 0; i < 2; i++) f.declare("JPRO" + run + i, "JPTYO100", day, "090121", "ET", String.valueOf(2000 + 100 * i), "20");
        String researcher = token(Role.RESEARCHER, null), steward = token(Role.DATA_STEWARD, null);
        String p = apply(researcher, "\"09\"", LocalDate.now(ZoneOffset.UTC).plusMonths(6));
        approve(steward, p);

        String table = "hs6,value,contributors\n090111,5500,4\n090121,4100,2\ntotal,9600,6\n";
        ApiClient.Response r = api.post("/api/v1/research/projects/" + p + "/outputs", researcher, JSON,
                "{\"title\": \"Coffee imports by HS6\", \"flow\": \"import\", \"csv\": " + quote(table) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode out = r.json();
        assertThat(out.get("status").asText()).isEqualTo("CHECKED");
        assertThat(out.get("rows").asInt()).isEqualTo(3);
        // 090121 itself (2 traders), and the total with 090111: their difference is 090121 again
        assertThat(out.get("flaggedCells").asInt()).isEqualTo(3);
        assertThat(out.get("findings").get(1).get("reason").asText()).isEqualTo("differencing");
        assertThat(out.get("findings").get(2).get("reason").asText()).isEqualTo("differencing");
        assertThat(List.of(out.get("findings").get(1).get("row").asInt(), out.get("findings").get(2).get("row").asInt())).containsExactly(1, 3);
        assertThat(out.get("findings").get(1).get("contributors").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode finding = out.get("findings").get(0);
        assertThat(finding.get("row").asInt()).isEqualTo(2);
        assertThat(finding.get("cell").get("hs6").asText()).isEqualTo("090121");
        assertThat(finding.get("reason").asText()).isEqualTo("threshold");
        assertThat(finding.get("contributors").asInt()).isEqualTo(2);
        String id = out.get("id").asText();

        // not released before the steward decides; another researcher does not see it; a trader is denied
        assertThat(api.get("/api/v1/research/outputs/" + id + "/csv", researcher).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/research/outputs/" + id, token(Role.RESEARCHER, null)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/research/outputs/" + id, token(Role.TRADER, "JPTR" + run)).status()).isEqualTo(403);
        // a flagged table is not released without reasons; refused with the reasons
        assertProblem(api.post("/api/v1/research/outputs/" + id + "/decision", steward, JSON, "{\"approve\": true}"), 400, "flagged");
        ApiClient.Response refused = api.post("/api/v1/research/outputs/" + id + "/decision", steward, JSON,
                "{\"approve\": false, \"reason\": \"Row 2 (090121) has 2 traders: merge it with 090111 or suppress it\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.json().get("status").asText()).isEqualTo("REFUSED");
        assertThat(api.get("/api/v1/research/outputs/" + id, researcher).json().get("decisionReason").asText()).contains("2 traders");
        assertThat(api.get("/api/v1/research/outputs/" + id + "/csv", researcher).status()).isEqualTo(409);

        // the revised table passes and is released
        JsonNode ok = api.post("/api/v1/research/projects/" + p + "/outputs", researcher, JSON,
                "{\"title\": \"Green coffee\", \"flow\": \"import\", \"csv\": " + quote("hs6,value\n090111,5500\n") + "}").json();
        assertThat(ok.get("flaggedCells").asInt()).isZero();
        assertThat(api.post("/api/v1/research/outputs/" + ok.get("id").asText() + "/decision", steward, JSON, "{\"approve\": true}").status())
                .isEqualTo(200);
        ApiClient.Response released = api.get("/api/v1/research/outputs/" + ok.get("id").asText() + "/csv", researcher);
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body()).contains("090111,5500");

        // bad tables: a clear 400, audited
        String me = api.get("/api/v1/me", researcher).json().get("username").asText();
        long before = refusals(me);
        assertProblem(api.post("/api/v1/research/projects/" + p + "/outputs", researcher, JSON,
                "{\"title\": \"x\", \"flow\": \"import\", \"csv\": " + quote("colour,value\nred,1\n") + "}"), 400, "Unknown dimension");
        assertProblem(api.post("/api/v1/research/projects/" + p + "/outputs", researcher, JSON,
                "{\"title\": \"x\", \"flow\": \"export\", \"csv\": " + quote(table) + "}"), 400, "outside");
        assertProblem(api.post("/api/v1/research/projects/" + p + "/outputs", researcher, JSON,
                "{\"title\": \"x\", \"flow\": \"import\", \"csv\": " + quote("hs6,amount\n090111,1\n") + "}"), 400, "value");
        assertThat(refusals(me)).isEqualTo(before + 3);
        auditLog.chainPending();
        String stewardName = api.get("/api/v1/me", steward).json().get("username").asText();
        assertThat(auditLog.find(stewardName, "RESEARCH_OUTPUT_DECIDED", null, 0, 5).total()).isEqualTo(2);
    }

    @Test
    void outputCheckingFlagsTwoTablesWhoseDifferenceIsOneTrader() {
        // chapter 04: four importers of cheese (0406) and one of butter (0405): the chapter and the heading each have
        // enough traders, their difference has one
        WorkspaceFixtures f = new WorkspaceFixtures(intake, jdbc);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        for (int i = 0; i < 4; i++) f.declare("JPCH" + run + i, "JPTYO100", day, "040690", "FR", String.valueOf(1000 + 250 * i), "50");
        f.declare("JPBU" + run, "JPTYO100", day, "040510", "NZ", "1200", "40");
        String researcher = token(Role.RESEARCHER, null), steward = token(Role.DATA_STEWARD, null);
        String p = apply(researcher, "\"04\"", LocalDate.now(ZoneOffset.UTC).plusMonths(6));
        approve(steward, p);

        JsonNode chapter = api.post("/api/v1/research/projects/" + p + "/outputs", researcher, JSON,
                "{\"title\": \"Chapter 04\", \"flow\": \"import\", \"csv\": " + quote("hs2,value\n04,6700\n") + "}").json();
        assertThat(chapter.get("flaggedCells").asInt()).as(chapter.toString()).isZero();
        assertThat(api.post("/api/v1/research/outputs/" + chapter.get("id").asText() + "/decision", steward, JSON, "{\"approve\": true}").status())
                .isEqualTo(200);

        ApiClient.Response r = api.post("/api/v1/research/projects/" + p + "/outputs", researcher, JSON,
                "{\"title\": \"Cheese by partner\", \"flow\": \"import\", \"csv\": " + quote("hs4,partner,value\n0406,total,5500\n") + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode out = r.json();
        assertThat(out.get("flaggedCells").asInt()).as(out.toString()).isEqualTo(1);
        JsonNode finding = out.get("findings").get(0);
        assertThat(finding.get("reason").asText()).isEqualTo("differencing");
        assertThat(finding.get("row").asInt()).isEqualTo(1);
        assertThat(finding.get("contributors").asInt()).isEqualTo(1);
        assertThat(finding.get("against").get("hs2").asText()).isEqualTo("04");
        assertThat(finding.get("against").get("output").asText()).isEqualTo(chapter.get("id").asText());

        // in another project, without the chapter table, the heading table alone passes
        String p2 = apply(researcher, "\"04\"", LocalDate.now(ZoneOffset.UTC).plusMonths(6));
        approve(steward, p2);
        JsonNode alone = api.post("/api/v1/research/projects/" + p2 + "/outputs", researcher, JSON,
                "{\"title\": \"Cheese\", \"flow\": \"import\", \"csv\": " + quote("hs4,value\n0406,5500\n") + "}").json();
        assertThat(alone.get("flaggedCells").asInt()).as(alone.toString()).isZero();
    }

    @Test
    void declarationDataExportHasTheJapanCustomsLayoutForCustomsStaffOnly() throws Exception {
        WorkspaceFixtures f = new WorkspaceFixtures(intake, jdbc);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        String importer = "JPDX" + run;
        String id = f.declare(importer, "JPTYO100", day, "090111", "BR", "1234.5", "USD", "60");
        String path = "/api/v1/declaration-data/export?from=" + day.minusDays(1) + "&to=" + day;

        ApiClient.Response r = api.get(path, token(Role.ANALYST, null));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        List<java.util.Map<String, String>> rows = new ArrayList<>();
        com.fasterxml.jackson.dataformat.csv.CsvMapper csv = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        try (com.fasterxml.jackson.databind.MappingIterator<java.util.Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(csv.schemaWithHeader()).readValues(r.body())) {
            while (it.hasNext()) rows.add(it.next());
        }
        assertThat(r.body().lines().findFirst().orElseThrow()).isEqualTo("declaration_number,declaration_date,flow,shipper_name,"
                + "importer_number,importer_name,hs_code,invoice_price,invoice_currency,taxation_base_value,taxation_base_currency,duty,quantity,unit");
        java.util.Map<String, String> mine = rows.stream().filter(x -> x.get("declaration_number").equals(id)).findFirst().orElseThrow();
        assertThat(mine.get("declaration_date")).isEqualTo(day.toString());
        assertThat(mine.get("flow")).isEqualTo("import");
        assertThat(mine.get("importer_number")).isEqualTo(importer);
        assertThat(mine.get("importer_name")).isEqualTo("Brokers & Co Ltd");
        assertThat(mine.get("shipper_name")).isEqualTo("Shenzhen Bright Lighting Co., Ltd.");
        assertThat(mine.get("hs_code")).isEqualTo("090111");
        assertThat(new java.math.BigDecimal(mine.get("invoice_price"))).isEqualByComparingTo("1234.5");
        assertThat(mine.get("invoice_currency")).isEqualTo("USD");
        assertThat(mine.get("quantity")).isEqualTo("2000");
        assertThat(mine.get("unit")).isEqualTo("NAR");
        // the taxation base and duty are the stored assessment's, in national currency
        String assessment = jdbc.queryForObject("SELECT assessment FROM declaration WHERE id = ?", String.class, id);
        JsonNode item = parse(assessment).get("items").get(0);
        assertThat(new java.math.BigDecimal(mine.get("taxation_base_value"))).isEqualByComparingTo(item.get("customsValue").get("amount").decimalValue());
        assertThat(mine.get("taxation_base_currency")).isEqualTo(item.get("customsValue").get("currency").asText());
        assertThat(new java.math.BigDecimal(mine.get("duty"))).isEqualByComparingTo(item.get("duty").get("amount").get("amount").decimalValue());
        auditLog.chainPending();
        assertThat(auditLog.find(null, "DECLARATION_DATA_EXPORTED", "declaration-data", 0, 50).items().stream()
                .anyMatch(a -> parse(a.details()).get("rows").asLong() == rows.size())).isTrue();

        // internal analysts only: researchers, traders and data stewards are denied; bad periods are refused
        assertThat(api.get(path, token(Role.RESEARCHER, null)).status()).isEqualTo(403);
        assertThat(api.get(path, token(Role.TRADER, importer)).status()).isEqualTo(403);
        assertThat(api.get(path, token(Role.DATA_STEWARD, null)).status()).isEqualTo(403);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        String analyst = token(Role.ANALYST, null);
        assertProblem(api.get("/api/v1/declaration-data/export?from=" + day + "&to=" + day.minusDays(5), analyst), 400, "reversed");
        assertProblem(api.get("/api/v1/declaration-data/export?from=2020-01-01&to=2026-01-01", analyst), 400, "366");
        assertProblem(api.get("/api/v1/declaration-data/export?from=yesterday&to=" + day, analyst), 400, "yyyy-mm-dd");
    }

    private static String quote(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badOutOfScopeTamperedExpiredAndForeignRequestsAreRefusedAndAudited() {
        declareCoffee(3);
        String researcher = token(Role.RESEARCHER, null), other = token(Role.RESEARCHER, null), steward = token(Role.DATA_STEWARD, null);
        String me = api.get("/api/v1/me", researcher).json().get("username").asText();
        long before = refusals(me);
        YearMonth now = YearMonth.now(ZoneOffset.UTC);

        // reversed and absurd periods, unknown fields, a past end date
        String bad = """
                {"title": "t", "institution": "i", "purpose": "p", "legalBasis": "l", "from": "%s", "to": "%s", "endDate": "%s",
                 "fields": %s, "hsChapters": ["09"], "flows": ["import"]}""";
        LocalDate end = LocalDate.now(ZoneOffset.UTC).plusMonths(1);
        assertProblem(api.post("/api/v1/research/projects", researcher, JSON, bad.formatted(now, now.minusMonths(3), end, "[\"value\"]")), 400, "reversed");
        assertProblem(api.post("/api/v1/research/projects", researcher, JSON, bad.formatted("0001-01", now, end, "[\"value\"]")), 400, "before");
        assertProblem(api.post("/api/v1/research/projects", researcher, JSON, bad.formatted(now, now, end, "[\"name\"]")), 400, "Unknown field");
        assertProblem(api.post("/api/v1/research/projects", researcher, JSON, bad.formatted(now, now, "2001-01-01", "[\"value\"]")), 400, "endDate");
        // a steward may not apply, a researcher may not decide
        assertThat(api.post("/api/v1/research/projects", steward, JSON, bad.formatted(now, now, end, "[\"value\"]")).status()).isEqualTo(403);

        String project = apply(researcher, "\"09\"", LocalDate.now(ZoneOffset.UTC).plusDays(1));
        assertThat(api.post("/api/v1/research/projects/" + project + "/decision", researcher, JSON, "{\"approve\": true}").status()).isEqualTo(403);
        approve(steward, project);
        // outside the scope: another chapter, a field not granted, a period outside, a reversed period
        assertProblem(api.post("/api/v1/research/projects/" + project + "/extracts", researcher, JSON, "{\"hsChapters\": [\"84\"]}"), 400, "outside");
        assertProblem(api.post("/api/v1/research/projects/" + project + "/extracts", researcher, JSON, "{\"fields\": [\"date\"]}"), 400, "outside");
        assertProblem(api.post("/api/v1/research/projects/" + project + "/extracts", researcher, JSON,
                "{\"from\": \"" + now.minusYears(3) + "\"}"), 400, "outside");
        assertProblem(api.post("/api/v1/research/projects/" + project + "/extracts", researcher, JSON,
                "{\"from\": \"" + now + "\", \"to\": \"" + now.minusMonths(1) + "\"}"), 400, "reversed");
        // another researcher's project does not exist for them
        assertThat(api.post("/api/v1/research/projects/" + project + "/extracts", other, JSON, "{}").status()).isEqualTo(404);

        // tampered links: another signature, another expiry, another extract id, another researcher
        String url = link(researcher, project, "{}").get("url").asText();
        String sig = url.replaceAll(".*sig=", "");
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertProblem(api.get(url.replace(sig, flipped), researcher), 403, "not valid");
        long exp = Long.parseLong(url.replaceAll(".*expires=(\\d+).*", "$1"));
        assertProblem(api.get(url.replace("expires=" + exp, "expires=" + (exp + 3600)), researcher), 403, "not valid");
        assertThat(api.get(url, other).status()).isEqualTo(403);
        // expired link
        clock.advance(Duration.ofMinutes(16));
        assertProblem(api.get(url, researcher), 410, "expired");
        // expired project
        clock.advance(Duration.ofDays(2));
        assertProblem(api.post("/api/v1/research/projects/" + project + "/extracts", researcher, JSON, "{}"), 403, "ended");

        assertThat(refusals(me) - before).isGreaterThanOrEqualTo(12);
    }

    private static void assertProblem(ApiClient.Response r, int status, String text) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).containsIgnoringCase(text);
    }

    @Test
    void publicTablesAreProtectedAndStewardsPublish() {
        declareCoffee(5);
        // one lone importer of Yemeni coffee: a threshold cell
        new WorkspaceFixtures(intake, jdbc).declare("JPYE" + run, "JPTYO100", LocalDate.now(ZoneOffset.UTC).minusDays(2), "090112", "YE", "777", "10");
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        String q = "/api/v1/statistics/trade?flow=import&from=" + now.minusMonths(1) + "&to=" + now + "&by=hs4,partner";
        ApiClient.Response r = api.get(q, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        boolean someSuppressed = false, yemen = false;
        for (JsonNode c : r.json().get("cells")) {
            if (c.get("key").get(0).asText().equals("0901") && c.get("key").get(1).asText().equals("YE")) {
                yemen = true;
                assertThat(c.get("suppressed").asBoolean()).isTrue();
            }
            if (c.get("suppressed").asBoolean()) {
                someSuppressed = true;
                assertThat(c.get("value").isNull()).isTrue();
                assertThat(c.get("declarations").isNull()).isTrue();
                assertThat(c.get("reason").asText()).isIn("threshold", "dominance", "p-percent", "confidential", "secondary");
            } else {
                assertThat(c.get("value").isNumber()).isTrue();
            }
        }
        assertThat(someSuppressed).isTrue();
        assertThat(yemen).isTrue();
        assertProblem(api.get("/api/v1/statistics/trade?from=" + now + "&to=" + now + "&by=hs4,colour", null), 400, "Unknown dimension");
        assertProblem(api.get("/api/v1/statistics/trade?from=" + now + "&to=" + now.minusYears(1) + "&by=hs4", null), 400, "reversed");
        assertProblem(api.get("/api/v1/statistics/trade?from=99999-01&to=" + now + "&by=hs4", null), 400, "YYYY-MM");

        String steward = token(Role.DATA_STEWARD, null);
        String def = "{\"name\": \"Coffee " + run + "\", \"flow\": \"import\", \"from\": \"" + now.minusMonths(1) + "\", \"to\": \"" + now
                + "\", \"by\": \"partner,hs2\"}";
        assertThat(api.post("/api/v1/statistics/definitions", null, JSON, def).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/statistics/definitions", token(Role.RESEARCHER, null), JSON, def).status()).isEqualTo(403);
        ApiClient.Response d = api.post("/api/v1/statistics/definitions", steward, JSON, def);
        assertThat(d.status()).as(d.toString()).isEqualTo(201);
        String id = d.json().get("id").asText();
        assertThat(api.get("/api/v1/statistics/tables/" + id, null).status()).isEqualTo(404); // a draft is not public
        ApiClient.Response p = api.post("/api/v1/statistics/definitions/" + id + "/publish", steward, JSON, "");
        assertThat(p.status()).as(p.toString()).isEqualTo(200);
        ApiClient.Response pub = api.get("/api/v1/statistics/tables/" + id, null);
        assertThat(pub.status()).isEqualTo(200);
        ApiClient.Response csv = api.get("/api/v1/statistics/tables/" + id + "/csv", null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo("partner,hs2,value,netMassKg,duty,declarations,suppressed,reason");
        assertThat(api.get("/api/v1/statistics/tables", null).body()).contains(id);
    }
}
