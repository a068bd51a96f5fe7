package org.smartcustoms.server.consignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Manifests of low-value consignments end to end over HTTP: upload, decisions, notifications, bad input, split
 * orders and the early 413. Subclasses run it on H2 and PostgreSQL.
 */
@ApiTest
abstract class AbstractManifestApiTest extends ApiTestSupport {
    static final String HEADER = ManifestFixtures.HEADER;
    static final String ARRIVAL = ManifestFixtures.ARRIVAL;

    String party;
    String trader;
    String u;

    @BeforeEach
    void setUp() {
        u = TestUsers.unique();
        party = "JPPLAT" + u;
        trader = token(Role.TRADER, party);
    }

    /** A row of a 640299 (footwear) consignment in JPY ({@link ManifestFixtures#row}). */
    String row(String id, String buyer, String seller, String value) {
        return ManifestFixtures.row(id, buyer, seller, value);
    }

    ApiClient.Response upload(String token, String body, String reference) {
        return upload(token, "text/csv", body.getBytes(StandardCharsets.UTF_8), reference);
    }

    ApiClient.Response upload(String token, String type, byte[] body, String reference) {
        return api.post("/api/v1/manifests?reference=" + reference + "&arrival=" + ARRIVAL, token, type, body);
    }

    List<JsonNode> consignments(String token, String manifest, String status) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            ApiClient.Response r = api.get("/api/v1/manifests/" + manifest + "/consignments?size=1000&page=" + page
                    + (status == null ? "" : "&status=" + status), token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("items").forEach(out::add);
            if (r.json().get("items").size() < 1000) return out;
        }
    }

    long storedFor(String party) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM lvc_consignment WHERE submitter_party = ?", Long.class, party);
    }

    @Test
    void goodRowsAreDecidedStoredAndNotified() {
        String csv = HEADER + "\n" + row("G1-" + u, "Buyer A" + u, "S1" + u, "8000") + "\n" + row("G2-" + u, "Buyer B" + u, "S1" + u, "12000") + "\n";
        auditLog.chainPending(); // entries of committed changes are chained right after the commit, by the sequencer
        long audits = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
        ApiClient.Response r = upload(trader, csv, "M-" + u);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode m = r.json().get("manifest");
        assertThat(m.get("rowsRead").asInt()).isEqualTo(2);
        assertThat(m.get("accepted").asInt()).isEqualTo(2);
        assertThat(m.get("released").asInt()).isEqualTo(2);
        assertThat(m.get("submitterParty").asText()).isEqualTo(party);
        assertThat(r.headers().get("Location").get(0)).isEqualTo("/api/v1/manifests/" + m.get("id").asText());
        String id = m.get("id").asText();

        List<JsonNode> cs = consignments(trader, id, "RELEASED");
        assertThat(cs).hasSize(2);
        JsonNode small = cs.get(0);
        assertThat(small.get("consignmentId").asText()).isEqualTo("G1-" + u);
        assertThat(small.get("row").asInt()).isEqualTo(2);
        assertThat(small.get("dutyRelieved").asBoolean()).isTrue();
        assertThat(small.get("duty").decimalValue()).isEqualByComparingTo("0");
        assertThat(small.get("vat").decimalValue()).isEqualByComparingTo("800");
        assertThat(small.get("notice").asText()).startsWith("Released.").contains("de minimis");
        assertThat(small.has("score")).isFalse(); // customs eyes only
        JsonNode big = cs.get(1);
        assertThat(big.get("dutyRelieved").asBoolean()).isFalse();
        assertThat(big.get("duty").decimalValue()).isEqualByComparingTo("3240");
        assertThat(consignments(trader, id, "HELD")).isEmpty();

        ApiClient.Response summary = api.get("/api/v1/manifests/" + id, trader);
        assertThat(summary.json().get("accepted").asInt()).isEqualTo(2);
        // one audit entry for the manifest, not one per row
        auditLog.chainPending();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject_id = ?", Long.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT action || ' ' || subject_type FROM audit_event WHERE subject_id = ?", String.class, id))
                .isEqualTo("MANIFEST_SUBMITTED manifest");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class)).isGreaterThanOrEqualTo(audits + 1);

        // another trader does not see it; an officer sees the score
        String other = token(Role.TRADER, "JPOTHER" + u);
        assertThat(api.get("/api/v1/manifests/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/manifests/" + id + "/consignments", other).status()).isEqualTo(404);
        String officer = token(Role.OFFICER, null);
        assertThat(consignments(officer, id, null).get(0).get("score").asInt()).isZero();
        assertThat(api.get("/api/v1/manifests", trader).json().get("items").get(0).get("id").asText()).isEqualTo(id);
    }

    @Test
    void badRowsAreReportedAndGoodOnesStoredOnce() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String ok1 = row("B1-" + u, "Buyer C" + u, "S2" + u, "1000");
        b.writeBytes((HEADER + "\n" + ok1 + "\n").getBytes(StandardCharsets.UTF_8));                                  // row 2
        b.writeBytes(("B2-" + u + ",H,S,Seller,CN,,,JP,,,x,6402,1,,abc,JPY,CN\n").getBytes(StandardCharsets.UTF_8));  // row 3 broken
        b.writeBytes((ok1 + "\n").getBytes(StandardCharsets.UTF_8));                                                 // row 4 duplicate
        b.writeBytes((row("B3-" + u, "Jos\u00e9" + u, "S2" + u, "1000") + "\n").getBytes(StandardCharsets.ISO_8859_1)); // row 5 not UTF-8
        b.writeBytes((row("B4-" + u, "Buyer D" + u, "S2" + u, "1000") + "\n").getBytes(StandardCharsets.UTF_8));       // row 6 good
        b.writeBytes(row("B5-" + u, "Buyer E" + u, "S2" + u, "1000").substring(0, 25).getBytes(StandardCharsets.UTF_8)); // row 7 truncated
        ApiClient.Response r = upload(trader, "text/csv", b.toByteArray(), "BAD-" + u);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode m = r.json().get("manifest");
        assertThat(m.get("rowsRead").asInt()).isEqualTo(6);
        assertThat(m.get("accepted").asInt()).isEqualTo(2);
        assertThat(m.get("rejected").asInt()).isEqualTo(4);
        assertThat(m.get("duplicates").asInt()).isEqualTo(1);
        JsonNode rejected = r.json().get("rejectedRows");
        assertThat(rejected).hasSize(4);
        assertThat(rejected.get(0).get("row").asInt()).isEqualTo(3);
        List<String> fields = new ArrayList<>();
        rejected.get(0).get("problems").forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).contains("buyer_name", "hs6", "value");
        assertThat(rejected.get(1).get("row").asInt()).isEqualTo(4);
        assertThat(rejected.get(1).get("problems").get(0).get("code").asText()).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(rejected.get(1).get("problems").get(0).get("message").asText()).contains("row 2");
        assertThat(rejected.get(2).get("row").asInt()).isEqualTo(5);
        assertThat(rejected.get(2).get("problems").get(0).get("code").asText()).isEqualTo("ENCODING");
        assertThat(rejected.get(3).get("row").asInt()).isEqualTo(7);
        assertThat(rejected.get(3).get("problems").get(0).get("code").asText()).isEqualTo("TRUNCATED");
        assertThat(storedFor(party)).isEqualTo(2);
        String id = m.get("id").asText();
        ApiClient.Response paged = api.get("/api/v1/manifests/" + id + "/rejected-rows?size=2&page=1", trader);
        assertThat(paged.json().get("total").asInt()).isEqualTo(4);
        assertThat(paged.json().get("items").get(0).get("row").asInt()).isEqualTo(5);

        // the same file again: the stored ones are reported as duplicates and stored once
        ApiClient.Response again = upload(trader, "text/csv", b.toByteArray(), "BAD2-" + u);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("manifest").get("accepted").asInt()).isZero();
        assertThat(again.json().get("manifest").get("duplicates").asInt()).isEqualTo(3);
        assertThat(again.json().get("rejectedRows").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(again.json().get("rejectedRows").get(0).get("problems").get(0).get("code").asText()).isEqualTo("ALREADY_STORED");
        assertThat(storedFor(party)).isEqualTo(2);
    }

    @Test
    void anUnreadableFileStoresNothing() {
        ApiClient.Response r = upload(trader, "consignment_id,colour\nX1,red\n", "HDR-" + u);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").toString()).contains("unknown column 'colour'");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lvc_manifest WHERE submitter_party = ?", Long.class, party)).isZero();
        ApiClient.Response latin = api.post("/api/v1/manifests?reference=L-" + u, trader, "text/csv; charset=ISO-8859-1", HEADER + "\n");
        assertThat(latin.status()).isEqualTo(415);
        assertThat(latin.contentType()).startsWith("application/problem+json");
    }

    @Test
    void ordersSplitUnderTheThresholdAreHeld() {
        String buyer = "Split Buyer " + u;
        String seller = "SS" + u;
        // first manifest: one consignment of 6,000 JPY, alone it is released
        ApiClient.Response first = upload(trader, HEADER + "\n" + row("SP1-" + u, buyer, seller, "6000") + "\n", "SPA-" + u);
        assertThat(first.json().get("manifest").get("released").asInt()).isEqualTo(1);
        // next manifest, another carrier: the same buyer, the same seller, 5,000 JPY: together 11,000 > 10,000
        String carrier = token(Role.TRADER, "JPCARR" + u);
        String csv = HEADER + "\n" + row("SP2-" + u, buyer.toUpperCase(), seller, "5000") + "\n"
                + row("SP3-" + u, "Unrelated " + u, seller, "5000") + "\n";
        ApiClient.Response second = api.post("/api/v1/manifests?reference=SPB-" + u + "&kind=CARRIER&arrival=" + ARRIVAL, carrier,
                "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        JsonNode m = second.json().get("manifest");
        assertThat(m.get("held").asInt()).isEqualTo(1);
        assertThat(m.get("submitterKind").asText()).isEqualTo("CARRIER");
        String id = m.get("id").asText();
        JsonNode held = consignments(carrier, id, "HELD").get(0);
        assertThat(held.get("consignmentId").asText()).isEqualTo("SP2-" + u);
        assertThat(held.get("notice").asText()).startsWith("Held for customs control");
        assertThat(held.has("reasons")).isFalse();
        JsonNode seen = consignments(token(Role.OFFICER, null), id, "HELD").get(0);
        assertThat(seen.get("score").asInt()).isGreaterThanOrEqualTo(50);
        assertThat(seen.get("reasons").toString()).contains("split order").contains("2 consignments");

        // within one manifest: three parcels of 4,000 JPY to one buyer from one seller are all held
        String csv3 = HEADER + "\n" + row("SQ1-" + u, "Triple " + u, seller, "4000") + "\n" + row("SQ2-" + u, "Triple " + u, seller, "4000")
                + "\n" + row("SQ3-" + u, "Triple " + u, seller, "4000") + "\n";
        JsonNode m3 = upload(trader, csv3, "SPC-" + u).json().get("manifest");
        assertThat(m3.get("held").asInt()).isEqualTo(3);
    }

    @Test
    void jsonLinesAreAccepted() {
        String line = "{\"consignment_id\":\"J1-" + u + "\",\"house_document\":\"HJ1\",\"seller_name\":\"Seller\",\"seller_country\":\"CN\","
                + "\"buyer_name\":\"Hanako " + u + "\",\"buyer_country\":\"JP\",\"description\":\"t-shirt\",\"hs6\":\"610910\","
                + "\"quantity\":1,\"value\":3000,\"currency\":\"JPY\",\"origin\":\"CN\"}";
        ApiClient.Response r = upload(trader, "application/x-ndjson", (line + "\n{\"consignment_id\":\n").getBytes(StandardCharsets.UTF_8), "J-" + u);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("manifest").get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("manifest").get("format").asText()).isEqualTo("JSON_LINES");
        assertThat(r.json().get("rejectedRows").get(0).get("row").asInt()).isEqualTo(2);
        JsonNode c = consignments(trader, r.json().get("manifest").get("id").asText(), null).get(0);
        // knitted apparel (61) is excluded from the de minimis relief in the demo tariff
        assertThat(c.get("dutyRelieved").asBoolean()).isFalse();
        assertThat(c.get("duty").decimalValue().signum()).isPositive();
    }

    @Test
    void onlyTradersAndAdministratorsUpload() {
        assertThat(upload(token(Role.OFFICER, null), HEADER + "\n", "O-" + u).status()).isEqualTo(403);
        ApiClient.Response admin = upload(ADMIN, HEADER + "\n", "A-" + u);
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/manifests/LVM-NOPE", trader).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/manifests/LVM-NOPE/consignments?status=LOST", trader).status()).isEqualTo(400);
    }

    /** A 2 GB upload is refused from its Content-Length before the body is sent. */
    @Test
    void aTooLargeUploadIsRefusedEarlyWith413() throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/manifests?reference=BIG-" + u + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + trader
                    + "\r\nContent-Type: text/csv\r\nContent-Length: 2147483648\r\n\r\n" + HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while (!got.toString().contains("}") && (n = in.read(buf)) > 0) got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            String answer = got.toString();
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("application/problem+json").contains("exceeds the limit");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lvc_manifest WHERE submitter_party = ?", Long.class, party)).isZero();
    }
}
