package org.smartcustoms.server.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Additional duty recorded by an officer reaches the trader: a payment order (amount, currency, due date, reference,
 * new total) on the declaration and a DMSTAX notification; nobody else's trader sees it, and it names no officer.
 */
@ApiTest
@OnH2
class PaymentOrderApiTest extends ApiTestSupport {

    @Test
    void additionalDutyBecomesAPaymentOrderAndANotification() {
        String party = "GB123456789000";
        String trader = TestUsers.token(users, Role.TRADER, party);
        String stranger = TestUsers.token(users, Role.TRADER, "GB999999999999");
        String officerName = "officer-" + TestUsers.unique();
        String officer = TestUsers.token(users, officerName, Role.OFFICER, null);
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        String id = fx.declare(party, "T" + TestUsers.unique().toUpperCase());
        fx.underControl(id, 85, "RED", List.of());
        JsonNode before = api.get("/api/v1/declarations/" + id, trader).json();
        JsonNode assessment = before.get("assessment");
        assertThat(assessment.get("complete").asBoolean()).as(assessment.toString()).isTrue();
        String currency = assessment.get("currency").asText();
        BigDecimal assessed = assessment.get("total").get("amount").decimalValue();
        assertThat(api.get("/api/v1/declarations/" + id + "/payment-orders", trader).json()).isEmpty();

        ApiClient.Response r = api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON, """
                {"outcome": "UNDERVALUATION", "additionalDuty": {"amount": 1234.5, "currency": "%s"},
                 "notes": "secret finding xyz", "decision": "RELEASE"}""".formatted(currency));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Instant recorded = Instant.parse(r.json().get("recordedAt").asText());

        ApiClient.Response list = api.get("/api/v1/declarations/" + id + "/payment-orders", trader);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        JsonNode po = list.json().get(0);
        assertThat(po.get("reference").asText()).isEqualTo("PO-" + id + "-1");
        assertThat(po.get("kind").asText()).isEqualTo("ADDITIONAL_DUTY");
        assertThat(po.get("amount").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(po.get("currency").asText()).isEqualTo(currency);
        assertThat(po.get("assessedTotal").decimalValue()).isEqualByComparingTo(assessed);
        assertThat(po.get("newTotal").decimalValue()).isEqualByComparingTo(assessed.add(new BigDecimal("1234.50")));
        assertThat(LocalDate.parse(po.get("dueDate").asText()))
                .isEqualTo(LocalDate.ofInstant(recorded, ZoneOffset.UTC).plusDays(PaymentOrders.PAYMENT_DAYS));
        assertThat(list.body()).doesNotContain(officerName).doesNotContain("secret").doesNotContain("UNDERVALUATION");

        JsonNode feed = api.get("/api/v1/notifications", trader).json().get("items");
        JsonNode tax = null;
        for (JsonNode n : feed) if (n.get("declarationId").asText().equals(id) && n.get("message").asText().contains("PO-" + id)) tax = n;
        assertThat(tax).as(feed.toString()).isNotNull();
        assertThat(tax.get("type").asText()).isEqualTo("DMSTAX");
        assertThat(tax.get("message").asText()).contains("1234.50 " + currency).contains(po.get("dueDate").asText())
                .doesNotContain(officerName).doesNotContain("secret");

        // a second order adds to the total
        fx.force(id, org.smartcustoms.declaration.DeclarationStatus.UNDER_CONTROL);
        api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON, """
                {"outcome": "ORIGIN", "additionalDuty": {"amount": 100, "currency": "%s"}, "decision": "KEEP_UNDER_CONTROL"}""".formatted(currency));
        JsonNode second = api.get("/api/v1/declarations/" + id + "/payment-orders", trader).json().get(1);
        assertThat(second.get("reference").asText()).isEqualTo("PO-" + id + "-2");
        assertThat(second.get("newTotal").decimalValue()).isEqualByComparingTo(assessed.add(new BigDecimal("1334.50")));

        assertThat(api.get("/api/v1/declarations/" + id + "/payment-orders", stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/declarations/" + id + "/payment-orders", officer).json()).hasSize(2);
        assertThat(api.get("/api/v1/declarations/NOPE/payment-orders", trader).status()).isEqualTo(404);
    }

    @Test
    void noDutyNoOrder() {
        String officer = TestUsers.token(users, Role.OFFICER, null);
        String trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        String id = fx.declare("GB123456789000", "T1");
        fx.underControl(id, 85, "RED", List.of());
        assertThat(api.post("/api/v1/declarations/" + id + "/inspection", officer, JSON,
                "{\"outcome\": \"NO_IRREGULARITY\", \"additionalDuty\": {\"amount\": 0, \"currency\": \"USD\"}, \"decision\": \"RELEASE\"}")
                .status()).isEqualTo(201);
        assertThat(api.get("/api/v1/declarations/" + id + "/payment-orders", trader).json()).isEmpty();
    }
}
