package org.smartcustoms.server;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds declarations for workspace tests and puts them in the state a test needs. Risk fields are set here
 * (not by the risk capability, which may or may not be wired), and statuses are forced by SQL only when the
 * lifecycle cannot reach them, so the tests do not depend on what acceptance steps exist.
 */
public final class WorkspaceFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DeclarationIntake intake;
    private final JdbcTemplate jdbc;
    private final DeclarationJson reader = new DeclarationJson();

    public WorkspaceFixtures(DeclarationIntake intake, JdbcTemplate jdbc) {
        this.intake = intake;
        this.jdbc = jdbc;
    }

    /** One-item import: HS code, origin, value (USD) and net mass (kg), declared on {@code date} for {@code importer}. */
    public String declare(String importer, String office, LocalDate date, String hs, String origin, String valueUsd, String massKg) {
        return declare(importer, office, date, hs, origin, valueUsd, "USD", massKg);
    }

    /** One-item import with its value in {@code currency}. */
    public String declare(String importer, String office, LocalDate date, String hs, String origin, String value, String currency,
                          String massKg) {
        return declare(importer, office, date, hs, origin, value, currency, massKg, false);
    }

    /**
     * A one-item import in which every party is new: {@code trader} is declarant and importer under a name of its own,
     * the seller/exporter an id and name no other test uses. No watch-list entry, enforcement record or earlier
     * declaration of the shared test context can match its parties, so the risk engine scores it on its goods alone
     * (with no rule for them and random selection off in {@link ApiTest}: GREEN).
     */
    public String declareWithOwnParties(String trader, String office) {
        return declare(trader, office, LocalDate.now(), "610910", "BD", "2500", "USD", "100", true);
    }

    private String declare(String importer, String office, LocalDate date, String hs, String origin, String value, String currency,
                           String massKg, boolean ownParties) {
        String valueUsd = value;
        try (InputStream in = WorkspaceFixtures.class.getResourceAsStream("/declaration-import.json")) {
            ObjectNode n = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            n.put("lrn", "WS-" + UUID.randomUUID().toString().substring(0, 20));
            n.put("declarationDate", date.toString());
            n.put("officeId", office);
            for (var p : n.get("parties")) if ("IMPORTER".equals(p.get("role").asText())) ((ObjectNode) p).put("id", importer);
            if (ownParties) {
                String supplier = "CN" + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000_000L);
                String ownName = randomWord() + " " + randomWord() + " Ltd";
                String supplierName = randomWord() + " " + randomWord() + " Co";
                for (var p : n.get("parties")) {
                    String role = p.get("role").asText();
                    boolean ours = "IMPORTER".equals(role) || "DECLARANT".equals(role);
                    ((ObjectNode) p).put("id", ours ? importer : supplier);
                    ((ObjectNode) p).put("name", ours ? ownName : supplierName);
                }
            }
            ArrayNode items = (ArrayNode) n.get("items");
            ObjectNode item = (ObjectNode) items.get(0);
            items.removeAll();
            items.add(item);
            item.put("commodityCode", hs);
            item.put("originCountry", origin);
            item.put("netMassKg", new BigDecimal(massKg));
            item.put("grossMassKg", new BigDecimal(massKg));
            for (String money : List.of("statisticalValue", "customsValue")) {
                ((ObjectNode) item.get(money)).put("amount", new BigDecimal(valueUsd)).put("currency", currency);
            }
            ((ObjectNode) n.get("invoiceAmount")).put("amount", new BigDecimal(valueUsd)).put("currency", currency);
            return intake.submit(reader.read(JSON.writeValueAsString(n)), "test").declaration().id();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String declare(String importer, String office) {
        return declare(importer, office, LocalDate.now(), "610910", "BD", "2500", "100");
    }

    /** Ten random letters: names no other fixture uses and no fuzzy match comes near. */
    private static String randomWord() {
        StringBuilder sb = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) sb.append((char) ((i == 0 ? 'A' : 'a') + r.nextInt(26)));
        return sb.toString();
    }

    /** Stores a risk decision (score, channel, rule hits) as the risk capability would. */
    public void risk(String id, int score, String channel, List<String> rules) {
        StoredDeclaration s = intake.store().find(id).orElseThrow();
        org.smartcustoms.risk.Channel ch = org.smartcustoms.risk.Channel.valueOf(channel);
        intake.store().saveRisk(id, new org.smartcustoms.risk.RiskDecision(score, null, ch, List.of(), false,
                s.modelVersion() == null ? "none" : s.modelVersion(), rules, score / 100.0), ch);
    }

    private static final ObjectMapper TYPED = new ObjectMapper().findAndRegisterModules();

    /** A tariff assessment given as the JSON the store keeps (for fixtures that fix the figures). */
    public static org.smartcustoms.tariff.TariffAssessment assessment(String json) {
        try {
            return TYPED.readValue(json, org.smartcustoms.tariff.TariffAssessment.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Risk as given and status UNDER_CONTROL (through the lifecycle when possible). */
    public void underControl(String id, int score, String channel, List<String> rules) {
        risk(id, score, channel, rules);
        force(id, DeclarationStatus.UNDER_CONTROL);
    }

    /** Risk as given and status RELEASED (through the lifecycle when possible). */
    public void released(String id, int score, String channel) {
        risk(id, score, channel, List.of());
        force(id, DeclarationStatus.RELEASED);
    }

    public void force(String id, DeclarationStatus status) {
        StoredDeclaration s = intake.store().find(id).orElseThrow();
        if (s.status() == status) return;
        if (s.status().canMoveTo(status)) {
            intake.transition(id, status, "test", "test");
        } else {
            jdbc.update("UPDATE declaration SET status = ? WHERE id = ?", status.name(), id);
        }
    }

    public DeclarationStatus status(String id) {
        return intake.store().find(id).orElseThrow().status();
    }
}
