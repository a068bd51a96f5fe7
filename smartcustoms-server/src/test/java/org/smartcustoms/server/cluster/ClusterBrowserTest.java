package org.smartcustoms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.KafkaTestBroker;
import org.smartcustoms.server.OnPostgres;
import org.smartcustoms.server.OwnContext;
import org.smartcustoms.server.TestDatabases;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.web.BrowserSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cluster-mode demo in a real browser (issue 17): this JVM is the API node (PostgreSQL, cluster mode, topics of
 * its own); two workers run in JVMs of their own ({@code serve --worker}) on the same schema and broker, and decide.
 *
 * <p>An analyst watch-lists an exporter on the watch-lists page of the API node; both workers log that the list is in
 * force there, which they can only have learnt from the shared-state topic (they were running before the change).
 * A trader lodges a declaration from that exporter with the form: the page says it is queued (while the workers are
 * stalled with SIGSTOP, so the state lasts long enough to be checked and photographed), then, once a worker decided
 * it, shows the receipt with status UNDER CONTROL and channel RED; the receipt link opens the declaration. An officer
 * finds it on the worklist and sees the watch-list entry among the reasons. Then the worker that decided it is killed
 * (SIGKILL) and the trader lodges a second declaration from the same declarant (same partition): the other worker
 * decides it after the rebalance and the page shows its receipt. Screenshots: target/screenshots/cluster-*.png.
 */
@Tag("browser")
@Tag("kafka")
@OnPostgres
@ApiTest
@OwnContext("cluster mode on PostgreSQL, shared with worker processes (topics of its own)")
class ClusterBrowserTest extends ApiTestSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "correct horse battery";
    private static final String EXPORTER = "Shenzhen Bright Power Co., Ltd";
    private static final Map<String, String> CLUSTER = Map.of(
            "smartcustoms.cluster.partitions", "4",
            "smartcustoms.cluster.intake-topic", "browser-intake-" + RUN,
            "smartcustoms.cluster.decision-topic", "browser-decisions-" + RUN,
            "smartcustoms.cluster.state-topic", "browser-state-" + RUN,
            "smartcustoms.cluster.history-topic", "browser-history-" + RUN,
            "smartcustoms.cluster.worker-group", "browser-workers-" + RUN);
    /** The form's polling gives up after about two minutes; a rebalance after a SIGKILL takes the session timeout. */
    private static final Duration DECIDED = Duration.ofSeconds(90);

    @BeforeAll
    static void prerequisites() {
        TestDatabases.requirePostgres();
        KafkaTestBroker.bootstrap();
    }

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("smartcustoms.cluster.bootstrap", KafkaTestBroker::bootstrap);
        CLUSTER.forEach((k, v) -> registry.add(k, () -> v));
        // this context and the two workers share the test PostgreSQL with every other context of the run
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }

    @Value("${spring.datasource.url}")
    String dbUrl;
    @Value("${spring.flyway.schemas}")
    String schema;

    private BrowserSupport b;

    @Test
    void aDeclarationLodgedInTheBrowserIsDecidedByAWorkerWithTheSharedWatchListAndSurvivesAWorkerCrash() throws Exception {
        String party = ClusterFixtures.party(3);
        String trader = "trader-" + RUN, analyst = "analyst-" + RUN, officer = "officer-" + RUN;
        users.create(trader, PASSWORD, Role.TRADER, party);
        users.create(analyst, PASSWORD, Role.ANALYST, null);
        users.create(officer, PASSWORD, Role.OFFICER, null);

        Path dir = KafkaTestBroker.projectDir().resolve("smartcustoms-server/target/cluster-browser-" + RUN);
        Map<String, String> env = WorkerProcess.env(dbUrl, schema, CLUSTER);
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            // both worker JVMs start at once, and the browser while they do
            for (int i = 1; i <= 2; i++) workers.add(WorkerProcess.start("browser-worker-" + i, env, dir));
            b = BrowserSupport.start(port);
            for (WorkerProcess w : workers) w.awaitReady(Duration.ofSeconds(120));

            // 1. the analyst watch-lists the exporter on the API node's watch-lists page
            String entry = "WL-CLUSTER-" + RUN;
            b.login(analyst, PASSWORD);
            b.open("watchlists");
            b.type("wl-parties-entryId", entry);
            b.type("wl-parties-name", EXPORTER);
            b.type("wl-parties-reason", "cluster demo: undervalued power supplies");
            b.type("wl-parties-source", "browser test");
            b.driver.findElement(By.id("wl-add-parties")).click();
            b.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("watch-parties"), entry));
            b.screenshot("cluster-01-analyst-watch-list");
            b.logout();
            // the workers were running before the change: they have it from the shared-state topic
            for (WorkerProcess w : workers) {
                ClusterFixtures.await(w.name + " applying the watch list", Duration.ofSeconds(60),
                        () -> output(w).contains("watch-list:PARTIES from ") && output(w).contains(" is in force here"));
            }

            // 2. the trader lodges a declaration from that exporter; the workers are stalled for a moment, so the page
            //    shows it queued, then the receipt once one of them decided it
            b.login(trader, PASSWORD);
            String lrn1 = "CLB-" + RUN.toUpperCase() + "-1";
            fillDeclaration(lrn1);
            b.screenshot("cluster-02-trader-new-declaration");
            for (WorkerProcess w : workers) w.pause();
            String id1;
            try {
                b.driver.findElement(By.id("submit-declaration")).click();
                WebElement queued = b.visible(By.cssSelector("#submit-receipt.alert.info"));
                assertThat(queued.getText()).contains("Declaration queued for decision").contains(lrn1);
                id1 = queued.findElements(By.tagName("b")).get(1).getText();
                assertThat(id1).matches("\\d{2}SC[0-9A-Z]{14}");
                ApiClient.Response status = api.get("/api/v1/intake/" + id1, ADMIN);
                assertThat(status.status()).as(status.toString()).isEqualTo(200);
                assertThat(status.json().get("state").asText()).isEqualTo("QUEUED");
                b.screenshot("cluster-03-trader-queued");
            } finally {
                for (WorkerProcess w : workers) w.resume();
            }
            WebElement receipt = awaitReceipt();
            assertThat(receipt.getText()).contains("Declaration lodged").contains(lrn1);
            assertThat(b.driver.findElement(By.id("receipt-link")).getText()).isEqualTo(id1);
            assertThat(receipt.findElement(By.cssSelector(".badge.status")).getText()).isEqualTo("UNDER CONTROL");
            assertThat(receipt.findElement(By.cssSelector(".badge.channel")).getText()).isEqualTo("RED");
            b.screenshot("cluster-04-trader-receipt");
            String decider = decidedBy(id1);
            assertThat(decider).isIn(workers.get(0).name, workers.get(1).name);
            StoredDeclaration stored = intake.store().find(id1).orElseThrow();
            assertThat(stored.status()).isEqualTo(DeclarationStatus.UNDER_CONTROL);
            assertThat(stored.riskChannel()).isEqualTo("RED");

            // the receipt link opens the declaration
            b.driver.findElement(By.id("receipt-link")).click();
            b.waitFor().until(ExpectedConditions.urlContains("#/declaration/" + id1));
            assertThat(b.visible(By.id("items-table")).getText()).contains("850440");
            b.screenshot("cluster-05-trader-declaration");
            b.logout();

            // 3. the officer finds it on the worklist and sees why it is under control
            b.login(officer, PASSWORD);
            assertThat(b.driver.getCurrentUrl()).endsWith("#/worklist");
            WebElement row = b.visible(By.cssSelector("#worklist tr[data-id='" + id1 + "']"));
            assertThat(row.getText()).contains(lrn1);
            b.screenshot("cluster-06-officer-worklist");
            row.click();
            b.waitFor().until(ExpectedConditions.textToBe(By.id("detail-id"), id1));
            assertThat(b.visible(By.id("reasons")).getText()).contains("Watch list entry " + entry);
            b.screenshot("cluster-07-officer-declaration");
            b.logout();

            // 4. the worker that decided it dies (SIGKILL); a second declaration of the same declarant (same
            //    partition) is decided by the other one after the rebalance
            WorkerProcess victim = workers.stream().filter(w -> w.name.equals(decider)).findFirst().orElseThrow();
            WorkerProcess survivor = workers.stream().filter(w -> w != victim).findFirst().orElseThrow();
            assertThat(victim.kill()).as("exit status after SIGKILL").isEqualTo(137);
            b.login(trader, PASSWORD);
            String lrn2 = "CLB-" + RUN.toUpperCase() + "-2";
            fillDeclaration(lrn2);
            // what the result box shows, in order (the queued box may be brief)
            b.js("window.__shown = []; new MutationObserver(() => { const r = document.getElementById('submit-receipt');"
                    + " if (r) window.__shown.push(r.className + ': ' + r.innerText); })"
                    + ".observe(document.getElementById('submit-result'), {childList: true, subtree: true});");
            b.driver.findElement(By.id("submit-declaration")).click();
            receipt = awaitReceipt();
            String id2 = b.driver.findElement(By.id("receipt-link")).getText();
            assertThat(receipt.getText()).contains(lrn2);
            assertThat(receipt.findElement(By.cssSelector(".badge.channel")).getText()).isEqualTo("RED");
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) b.js("return window.__shown;");
            assertThat(shown.get(0)).contains("info").contains("Declaration queued for decision").contains(lrn2);
            b.screenshot("cluster-08-trader-receipt-after-worker-crash");
            assertThat(decidedBy(id2)).isEqualTo(survivor.name);
            assertThat(survivor.alive()).isTrue();
            assertThat(intake.store().find(id2).orElseThrow().riskChannel()).isEqualTo("RED");
            b.open("my");
            assertThat(b.visible(By.id("my-declarations")).getText()).contains(id1).contains(id2);
            b.screenshot("cluster-09-trader-my-declarations");
        } finally {
            if (b != null) b.close();
            for (WorkerProcess w : workers) w.close();
        }
    }

    /** The trader's declaration form: one item of laptop power supplies from the watch-listed exporter. */
    private void fillDeclaration(String lrn) {
        b.open("submit");
        b.type("f-lrn", lrn);
        b.type("f-declarantName", "Brokers & Co Ltd");
        b.type("f-declarantCountry", "GB");
        b.type("f-importerName", "Brokers & Co Ltd");
        b.type("f-importerCountry", "GB");
        b.type("f-exporterName", EXPORTER);
        b.type("f-exporterCountry", "CN");
        b.type("f-invoiceAmount", "2500");
        new Select(b.driver.findElement(By.id("f-deliveryTerms"))).selectByValue("CIF");
        new Select(b.driver.findElement(By.id("f-borderModeCode"))).selectByValue("1");
        b.type("f-departureCountry", "CN");
        b.fillItem(0, "Laptop power supplies, 65 W", "850440", "CN", "2400", "NAR", "312", "358", "2500");
    }

    /** The decided receipt (the green box with the receipt link) that replaces the queued box. */
    private WebElement awaitReceipt() {
        return new WebDriverWait(b.driver, DECIDED, Duration.ofMillis(200))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#submit-receipt.alert.ok #receipt-link")))
                .findElement(By.xpath("ancestor::div[@id='submit-receipt']"));
    }

    /** The worker named in the committed decision for this declaration on the decisions topic. */
    private static String decidedBy(String id) throws InterruptedException {
        ClusterCodec codec = new ClusterCodec();
        String topic = CLUSTER.get("smartcustoms.cluster.decision-topic");
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            String[] worker = new String[1];
            ClusterFixtures.await("the decision of " + id + " on " + topic, Duration.ofSeconds(30), () -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ClusterDecision d = codec.read(r.value(), ClusterDecision.class);
                    if (d.declarationId().equals(id)) worker[0] = d.worker();
                }
                return worker[0] != null;
            });
            return worker[0];
        }
    }

    private static String output(WorkerProcess w) {
        try {
            return w.output();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
