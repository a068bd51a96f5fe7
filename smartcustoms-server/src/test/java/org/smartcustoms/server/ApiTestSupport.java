package org.smartcustoms.server;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every API test against the running server shares: the port, an {@link ApiClient} on it, the user directory
 * for tokens, the intake and JDBC for setting up and checking state. Put {@link ApiTest} and {@link OnH2} /
 * {@link OnPostgres} on the concrete class. All such classes run in one Spring context on one database per kind, so a
 * test is isolated by its data: its own users ({@link #token}), LRNs, parties and offices; deltas rather than counts;
 * no assumption that a table is empty or that it sees only its own rows in a list over the whole database.
 */
public abstract class ApiTestSupport {
    public static final String ADMIN = ApiTest.ADMIN_TOKEN;
    public static final String JSON = "application/json";

    @LocalServerPort
    protected int port;
    @Autowired
    protected UserDirectory users;
    @Autowired
    protected DeclarationIntake intake;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected org.smartcustoms.server.audit.AuditLog auditLog;

    protected ApiClient api;

    @BeforeEach
    final void connectApiClient() {
        api = new ApiClient(port);
    }

    /**
     * The whole notification feed {@code token} sees, newest first, read page by page as the trader's page does
     * ({@code ?before=<nextBefore>}): in a shared database the first page alone holds only a busy party's newest.
     */
    protected List<JsonNode> notifications(String token) {
        List<JsonNode> feed = new ArrayList<>();
        String cursor = "";
        while (true) {
            ApiClient.Response r = api.get("/api/v1/notifications?limit=200" + cursor, token);
            if (r.status() != 200) throw new AssertionError("notifications: " + r);
            for (JsonNode n : r.json().get("items")) feed.add(n);
            JsonNode next = r.json().get("nextBefore");
            if (next == null || next.isNull()) return feed;
            cursor = "&before=" + next.asLong();
        }
    }

    /** A token of a new user with a unique name. */
    protected String token(Role role, String party) {
        return TestUsers.token(users, role, party);
    }
}
