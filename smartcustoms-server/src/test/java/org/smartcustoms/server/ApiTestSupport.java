package org.smartcustoms.server;

import org.junit.jupiter.api.BeforeEach;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every API test against the running server shares: the port, an {@link ApiClient} on it, the user directory
 * for tokens, the intake and JDBC for setting up and checking state. Put {@link ApiTest} (or an own
 * {@code @SpringBootTest}) and {@link OnH2}/{@link OnPostgres} on the concrete class.
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

    /** A token of a new user with a unique name. */
    protected String token(Role role, String party) {
        return TestUsers.token(users, role, party);
    }
}
