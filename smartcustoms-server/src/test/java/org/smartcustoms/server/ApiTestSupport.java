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

    protected ApiClient api;

    @BeforeEach
    final void connectApiClient() {
        api = new ApiClient(port);
    }

    /**
     * The whole notification feed {@code token} sees, read page by page as a polling client does
     * ({@code ?after=<last id>}): the first page alone holds only the oldest notifications of a shared party.
     */
    protected List<JsonNode> notifications(String token) {
        List<JsonNode> feed = new ArrayList<>();
        long after = 0;
        while (true) {
            ApiClient.Response r = api.get("/api/v1/notifications?limit=1000&after=" + after, token);
            if (r.status() != 200) throw new AssertionError("notifications: " + r);
            for (JsonNode n : r.json()) feed.add(n);
            if (r.json().size() < 1000) return feed;
            after = r.json().get(r.json().size() - 1).get("id").asLong();
        }
    }

    /** A token of a new user with a unique name. */
    protected String token(Role role, String party) {
        return TestUsers.token(users, role, party);
    }
}
