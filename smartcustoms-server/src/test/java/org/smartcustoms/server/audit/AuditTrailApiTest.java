package org.smartcustoms.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/** The enum-typed audit writer stores the same text as before, the chain verifies, and the API labels each action. */
@ApiTest
@OnH2
class AuditTrailApiTest extends ApiTestSupport {
    @Autowired
    JdbcAuditTrail trail;
    @Autowired
    AuditVerifier verifier;

    @Test
    void anEntryWrittenWithTheEnumHashesAsTheStringsDidAndVerifies() {
        String subject = "R-" + TestUsers.unique();
        AuditEntry written = trail.append("analyst-x", AuditAction.RULE_DISABLED, AuditSubject.RULE, subject, "too noisy",
                "{\"enabled\":false}");
        assertThat(written.action()).isEqualTo("RULE_DISABLED");
        assertThat(written.subjectType()).isEqualTo("rule");
        // what the string-typed writer hashed for the same entry
        assertThat(written.hash()).isEqualTo(AuditHash.hash(written.seq(), written.at(), "analyst-x", "RULE_DISABLED", "rule",
                subject, "too noisy", "{\"enabled\":false}", written.prevHash()));
        List<AuditEntry> stored = trail.find(null, "RULE_DISABLED", subject, 0, 10).items();
        assertThat(stored).hasSize(1);
        assertThat(AuditHash.hash(stored.get(0))).isEqualTo(written.hash());
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void theApiShowsEachActionWithItsLabelAndListsTheActions() {
        String auditor = token(Role.AUDITOR, null);
        String subject = "W-" + TestUsers.unique();
        trail.record("analyst-y", AuditAction.WATCHLIST_CHANGED, AuditSubject.WATCHLIST, subject, null, null);
        ApiClient.Response r = api.get("/api/v1/audit?subjectId=" + subject, auditor);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode event = r.json().get("items").get(0);
        assertThat(event.get("action").asText()).isEqualTo("WATCHLIST_CHANGED");
        assertThat(event.get("actionLabel").asText()).isEqualTo("Watch list changed");
        assertThat(event.get("subjectType").asText()).isEqualTo("watchlist");

        JsonNode actions = api.get("/api/v1/audit/actions", auditor).json();
        assertThat(actions.findValuesAsText("action")).hasSize(AuditAction.values().length)
                .contains("CHANNEL_DECISION", "LOGIN_LOCKED", "DATA_EXPORTED");
        assertThat(actions.findValuesAsText("label")).contains("Sign-in locked");
        assertThat(api.get("/api/v1/audit/actions", token(Role.TRADER, "GB123456789000")).status()).isEqualTo(403);
    }
}
