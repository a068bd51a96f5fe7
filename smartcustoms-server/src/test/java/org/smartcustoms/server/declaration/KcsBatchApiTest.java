package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.testing.SharedData;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Real KCS rows import: the first 1,000 data rows of {@code kcs/valid.csv} posted as one text/csv batch. A row
 * may be refused only for a genuine data problem, decided here from the raw columns independently of the
 * reader and validator: a zero net mass or item price, or the placeholder country ZZ (not a country).
 */
@Tag("shared-data")
@ApiTest
@OnH2
class KcsBatchApiTest extends ApiTestSupport {
    static final int ROWS = 1000;
    /** The rule codes that name the data problems above. */
    static final Set<String> DATA_PROBLEMS = Set.of("MASS_POSITIVE", "QUANTITY_POSITIVE", "VALUE_POSITIVE", "ORIGIN_COUNTRY",
            "TRANSPORT_COUNTRY");

    @Test
    void theFirstThousandValidRowsAreAcceptedUnlessTheirDataIsWrong() throws Exception {
        Path file = SharedData.require("kcs/valid.csv");
        StringBuilder body = new StringBuilder();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            body.append(r.readLine()).append('\n');
            for (int i = 0; i < ROWS; i++) {
                String line = r.readLine();
                assertThat(line).as("valid.csv has at least " + ROWS + " rows").isNotNull();
                body.append(line).append('\n');
            }
        }
        Set<Long> expectedBad = new TreeSet<>();
        try (CSVParser p = CSVParser.parse(new StringReader(body.toString()),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            long row = 0;
            for (CSVRecord rec : p) {
                row++;
                boolean zeroMass = new BigDecimal(rec.get("Net Mass")).signum() <= 0;
                boolean zeroPrice = new BigDecimal(rec.get("Item Price")).signum() <= 0;
                boolean noCountry = "ZZ".equals(rec.get("Country of Origin")) || "ZZ".equals(rec.get("Country of Departure"));
                if (zeroMass || zeroPrice || noCountry) expectedBad.add(row);
            }
        }

        ApiClient.Response r = new ApiClient(port).post("/api/v1/declarations/batch?format=kcs", ADMIN, "text/csv",
                body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode result = r.json();
        int accepted = result.get("accepted").asInt() + result.get("duplicates").asInt();
        int rejected = result.get("rejected").asInt();
        Set<Long> rejectedRows = new TreeSet<>();
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> otherReasons = new ArrayList<>();
        for (JsonNode row : result.get("rejections")) {
            rejectedRows.add(row.get("row").asLong());
            for (JsonNode v : row.get("errors")) {
                String code = v.get("code").asText();
                reasons.merge(code, 1, Integer::sum);
                if (!DATA_PROBLEMS.contains(code)) otherReasons.add("row " + row.get("row") + ": " + v);
            }
        }
        System.out.println("KCS valid.csv first " + ROWS + " rows via POST /declarations/batch?format=kcs: " + accepted
                + " accepted, " + rejected + " rejected " + reasons);
        assertThat(accepted + rejected).isEqualTo(ROWS);
        assertThat(otherReasons).as("rejections that are not data problems").isEmpty();
        assertThat(rejectedRows).as("rejected rows = rows with zero mass/price or country ZZ").isEqualTo(expectedBad);
        assertThat(rejected).as("only a few real rows are wrong").isLessThan(ROWS / 50);
    }
}
