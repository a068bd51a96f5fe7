package org.smartcustoms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.consignment.ManifestFormat;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.KafkaTestBroker;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.OwnContext;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.consignment.ManifestFixtures;
import org.smartcustoms.server.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Manifests of low-value consignments in cluster mode over HTTP against the real Kafka broker (one JVM is the API
 * node and the worker, H2): the body is stored and queued (202, QUEUED), the worker decides and stores it once
 * (MANIFEST on the decisions topic with the counts), the upload row is deleted; bad input is answered as in
 * single-node mode.
 */
@Tag("kafka")
@OnH2
@ApiTest
@OwnContext("cluster mode with a small manifest upload limit: manifests are queued on Kafka")
class ClusterManifestApiTest extends ApiTestSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final long LIMIT = 100_000;
    private static final String HEADER = ManifestFixtures.HEADER;

    @BeforeAll
    static void broker() {
        KafkaTestBroker.bootstrap();
    }

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        ClusterFixtures.inProcessWorker(registry, "manifest-test", RUN);
        registry.add("smartcustoms.consignment.max-upload-bytes", () -> Long.toString(LIMIT));
    }

    @Autowired
    DecisionFeed feed;
    @Autowired
    ClusterSettings settings;

    String u;
    String party;
    String trader;

    @BeforeEach
    void trader() {
        u = TestUsers.unique();
        party = "JPPLAT" + u;
        trader = token(Role.TRADER, party);
    }

    private ApiClient.Response upload(String type, byte[] body, String reference) {
        return api.post("/api/v1/manifests?reference=" + reference + "&arrival=" + ManifestFixtures.ARRIVAL, trader, type, body);
    }

    /** Polls the status link until the manifest is no longer QUEUED. */
    private JsonNode awaitStored(String url) throws InterruptedException {
        JsonNode[] last = new JsonNode[1];
        ClusterFixtures.await("manifest " + url + " stored", Duration.ofSeconds(90), () -> {
            ApiClient.Response r = api.get(url, trader);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            last[0] = r.json();
            return !r.json().get("state").asText().equals("QUEUED");
        });
        return last[0];
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private long manifestAudits(String id) {
        return count("SELECT (SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = 'MANIFEST_SUBMITTED')"
                + " + (SELECT COUNT(*) FROM audit_journal WHERE subject_id = ? AND action = 'MANIFEST_SUBMITTED')", id, id);
    }

    @Test
    void aManifestIsQueuedWith202AndAWorkerStoresItOnceEvenWhenItsMessageIsReplayed() throws Exception {
        String triple = "Triple " + u;
        String seller = "S" + u;
        // one parcel alone under the threshold (released); three to one buyer from one seller, split under it (held)
        String csv = HEADER + "\n" + ManifestFixtures.row("C1-" + u, "Buyer A" + u, seller, "8000") + "\n"
                + ManifestFixtures.row("C2-" + u, triple, seller, "4000") + "\n" + ManifestFixtures.row("C3-" + u, triple, seller, "4000")
                + "\n" + ManifestFixtures.row("C4-" + u, triple, seller, "4000") + "\n";
        ApiClient.Response r = upload("text/csv", csv.getBytes(StandardCharsets.UTF_8), "CM-" + u);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().get("id").asText();
        assertThat(id).startsWith("LVM-");
        assertThat(r.json().get("state").asText()).isEqualTo("QUEUED");
        assertThat(r.json().get("contentBytes").asLong()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        String url = "/api/v1/manifests/" + id;
        assertThat(r.header("Location")).endsWith(url);

        JsonNode m = awaitStored(url);
        assertThat(m.get("state").asText()).isEqualTo("STORED");
        assertThat(m.get("id").asText()).isEqualTo(id);
        assertThat(m.get("rowsRead").asInt()).isEqualTo(4);
        assertThat(m.get("accepted").asInt()).isEqualTo(4);
        assertThat(m.get("released").asInt()).isEqualTo(1);
        assertThat(m.get("held").asInt()).isEqualTo(3);
        assertThat(m.get("submittedBy").asText()).isEqualTo(r.json().get("submittedBy").asText());
        assertThat(m.get("contentSha256").asText()).isEqualTo(r.json().get("contentSha256").asText());
        JsonNode released = api.get(url + "/consignments?status=RELEASED", trader).json();
        assertThat(released.get("total").asInt()).isEqualTo(1);
        assertThat(released.get("items").get(0).get("consignmentId").asText()).isEqualTo("C1-" + u);
        assertThat(released.get("items").get(0).get("notice").asText()).startsWith("Released.");
        JsonNode held = api.get(url + "/consignments?status=HELD", trader).json();
        assertThat(held.get("total").asInt()).isEqualTo(3);
        assertThat(held.get("items").get(0).get("notice").asText()).startsWith("Held for customs control");

        // the MANIFEST decision with the counts came back over the decisions topic; the upload row is gone
        ClusterFixtures.await("the manifest's decision", Duration.ofSeconds(30), () -> feed.decision(id).isPresent());
        ClusterDecision d = feed.decision(id).orElseThrow();
        assertThat(d.outcome()).isEqualTo(ClusterDecision.Outcome.MANIFEST);
        assertThat(d.manifest()).isEqualTo(new ClusterDecision.ManifestCounts(4, 4, 0, 0, 1, 3));
        assertThat(d.declarantId()).isEqualTo(party);
        assertThat(count("SELECT COUNT(*) FROM manifest_upload WHERE manifest_id = ?", id)).isZero();
        auditLog.chainPending();
        assertThat(manifestAudits(id)).isEqualTo(1);

        // the same message again (a worker that crashed before its Kafka commit), then a marker on the same key: the
        // replay answers the stored manifest, nothing is stored twice
        ManifestMessage replay = new ManifestMessage(id, new Manifest("CM-" + u, party, Manifest.SubmitterKind.PLATFORM,
                ManifestFormat.CSV, LocalDate.parse(ManifestFixtures.ARRIVAL)), "replayed", java.time.Instant.parse("2026-11-20T10:00:00Z"));
        String markerId = "LVM-MARK" + u;
        ManifestMessage marker = new ManifestMessage(markerId, replay.header(), "replayed", replay.acceptedAt());
        ClusterFixtures.publish(replay.record(settings.intakeTopic(), new ClusterCodec()), marker.record(settings.intakeTopic(), new ClusterCodec()));
        ClusterFixtures.await("the record after the replay decided", Duration.ofSeconds(60), () -> feed.decision(markerId).isPresent());
        // the marker has no upload: refused with the reason, nothing stored
        assertThat(feed.decision(markerId).orElseThrow().outcome()).isEqualTo(ClusterDecision.Outcome.REJECTED);
        assertThat(feed.decision(id).orElseThrow().outcome()).isEqualTo(ClusterDecision.Outcome.MANIFEST);
        assertThat(feed.decision(id).orElseThrow().decidedAt()).isAfterOrEqualTo(d.decidedAt());
        assertThat(count("SELECT COUNT(*) FROM lvc_manifest WHERE submitter_party = ?", party)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM lvc_consignment WHERE submitter_party = ?", party)).isEqualTo(4);
        auditLog.chainPending();
        assertThat(manifestAudits(id)).isEqualTo(1);
        assertThat(api.get("/api/v1/manifests/" + markerId, trader).status()).isEqualTo(404);
    }

    @Test
    void badRowsAreReportedByTheWorkerAndShownOnceStored() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String ok = ManifestFixtures.row("B1-" + u, "Buyer C" + u, "S2" + u, "1000");
        b.writeBytes((HEADER + "\n" + ok + "\n").getBytes(StandardCharsets.UTF_8));                                                 // row 2
        b.writeBytes(("B2-" + u + ",H,S,Seller,CN,,,JP,,,x,6402,1,,abc,JPY,CN\n").getBytes(StandardCharsets.UTF_8));              // row 3 broken
        b.writeBytes((ok + "\n").getBytes(StandardCharsets.UTF_8));                                                                // row 4 duplicate
        b.writeBytes((ManifestFixtures.row("B3-" + u, "Jos\u00e9" + u, "S2" + u, "1000") + "\n").getBytes(StandardCharsets.ISO_8859_1)); // row 5 not UTF-8
        ApiClient.Response r = upload("text/csv", b.toByteArray(), "BAD-" + u);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().get("id").asText();
        JsonNode m = awaitStored("/api/v1/manifests/" + id);
        assertThat(m.get("state").asText()).isEqualTo("STORED");
        assertThat(m.get("rowsRead").asInt()).isEqualTo(4);
        assertThat(m.get("accepted").asInt()).isEqualTo(1);
        assertThat(m.get("rejected").asInt()).isEqualTo(3);
        assertThat(m.get("duplicates").asInt()).isEqualTo(1);
        JsonNode rows = api.get("/api/v1/manifests/" + id + "/rejected-rows", trader).json();
        assertThat(rows.get("total").asInt()).isEqualTo(3);
        assertThat(rows.get("items").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(rows.get("items").get(1).get("problems").get(0).get("code").asText()).isEqualTo("DUPLICATE_IN_FILE");
        assertThat(rows.get("items").get(2).get("problems").get(0).get("code").asText()).isEqualTo("ENCODING");
        ClusterFixtures.await("the manifest's decision", Duration.ofSeconds(30), () -> feed.decision(id).isPresent());
        assertThat(feed.decision(id).orElseThrow().manifest().rejected()).isEqualTo(3);
    }

    @Test
    void anUnreadableFileAWrongEncodingAndATooLargeBodyAreRefusedAsInSingleNodeModeAndNothingIsKept() throws Exception {
        long uploads = count("SELECT COUNT(*) FROM manifest_upload");
        ApiClient.Response unreadable = upload("text/csv", "consignment_id,colour\nX1,red\n".getBytes(StandardCharsets.UTF_8), "HDR-" + u);
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
        assertThat(unreadable.json().get("errors").toString()).contains("unknown column 'colour'");

        ApiClient.Response latin = upload("text/csv; charset=ISO-8859-1", (HEADER + "\n").getBytes(StandardCharsets.UTF_8), "L-" + u);
        assertThat(latin.status()).isEqualTo(415);
        assertThat(latin.contentType()).startsWith("application/problem+json");

        StringBuilder big = new StringBuilder(HEADER).append('\n');
        for (int i = 0; big.length() <= LIMIT; i++) big.append(ManifestFixtures.row("L" + i + "-" + u, "Buyer " + i, "S" + u, "1000")).append('\n');
        byte[] body = big.toString().getBytes(StandardCharsets.UTF_8);
        // with its Content-Length: refused before the body is read
        ApiClient.Response early = upload("text/csv", body, "BIG-" + u);
        assertThat(early.status()).isEqualTo(413);
        assertThat(early.contentType()).startsWith("application/problem+json");
        // without (chunked): cut off while it is read, nothing kept
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/manifests?reference=BIGC-" + u))
                .header("Authorization", "Bearer " + trader).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        assertThat(count("SELECT COUNT(*) FROM manifest_upload")).isEqualTo(uploads);
        assertThat(count("SELECT COUNT(*) FROM lvc_manifest WHERE submitter_party = ?", party)).isZero();
    }

    @Test
    void anotherPlatformCannotReadTheManifestQueuedOrStored() throws Exception {
        String csv = HEADER + "\n" + ManifestFixtures.row("P1-" + u, "Buyer P" + u, "S" + u, "2000") + "\n";
        ApiClient.Response r = upload("text/csv", csv.getBytes(StandardCharsets.UTF_8), "OWN-" + u);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String url = "/api/v1/manifests/" + r.json().get("id").asText();
        String other = token(Role.TRADER, "JPOTHER" + u);
        assertThat(api.get(url, other).status()).isEqualTo(404);
        awaitStored(url);
        assertThat(api.get(url, other).status()).isEqualTo(404);
        assertThat(api.get(url + "/consignments", other).status()).isEqualTo(404);
        assertThat(api.get(url + "/rejected-rows", other).status()).isEqualTo(404);
        assertThat(api.get(url, token(Role.OFFICER, null)).json().get("state").asText()).isEqualTo("STORED");
    }

    @Test
    void whileKafkaDoesNotAnswerAnUploadIs503AndNoUploadIsKeptThenItIsTakenAfterTheRestart() throws Exception {
        String csv = HEADER + "\n" + ManifestFixtures.row("K1-" + u, "Buyer K" + u, "S" + u, "2000") + "\n";
        // the worker and decision feed are idle: nothing of this party is queued or being decided
        KafkaTestBroker.stop();
        ApiClient.Response refused;
        try {
            refused = upload("text/csv", csv.getBytes(StandardCharsets.UTF_8), "K-" + u);
        } finally {
            KafkaTestBroker.startAgain();
        }
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(count("SELECT COUNT(*) FROM manifest_upload WHERE submitter_party = ?", party)).isZero();

        // sent again after the restart: taken and stored
        ApiClient.Response r = upload("text/csv", csv.getBytes(StandardCharsets.UTF_8), "K-" + u);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode m = awaitStored("/api/v1/manifests/" + r.json().get("id").asText());
        assertThat(m.get("accepted").asInt()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM lvc_manifest WHERE submitter_party = ?", party)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM manifest_upload WHERE submitter_party = ?", party)).isZero();
    }
}
