package org.smartcustoms.server.enforcement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.server.declaration.DeclarationIntake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Declarations whose every party is this test's own (ids and names): a seizure links its parties to the targeting
 * index, which every test class of the shared context scores with, so no shared fixture party may be linked.
 */
final class EnforcementFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DeclarationIntake intake;

    EnforcementFixtures(DeclarationIntake intake) {
        this.intake = intake;
    }

    /** A declaration of {@code importerId}/{@code importerName}; declarant, seller and exporter unique to the call. */
    String declare(String importerId, String importerName, LocalDate date) {
        return declare(importerId, importerName, date, null, null);
    }

    /** As {@link #declare(String, String, LocalDate)} with this exporter (and seller) when {@code exporterId} is given. */
    String declare(String importerId, String importerName, LocalDate date, String exporterId, String exporterName) {
        try (InputStream in = EnforcementFixtures.class.getResourceAsStream("/declaration-import.json")) {
            ObjectNode n = (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            String u = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
            n.put("lrn", "ENF-" + u);
            n.put("declarationDate", date.toString());
            for (var p : n.get("parties")) {
                ObjectNode o = (ObjectNode) p;
                switch (o.get("role").asText()) {
                    case "IMPORTER" -> o.put("id", importerId).put("name", importerName);
                    case "DECLARANT" -> o.put("id", "GB9" + u).put("name", "Broker " + u);
                    default -> o.put("id", exporterId != null ? exporterId : "CN8" + u).put("name", exporterId != null ? exporterName : "Supplier " + u);
                }
            }
            return intake.submit(new DeclarationJson().read(JSON.writeValueAsString(n)), "test").declaration().id();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
