package org.smartcustoms.server.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Crash recovery on the embedded default: the H2 file database under --data-dir, as the application configures it. */
class CrashRecoveryH2Test extends AbstractCrashRecoveryTest {
    @Override
    void database(Map<String, String> env, List<String> jvmArgs) {
        // nothing: the child uses the default datasource URL of application.properties under --data-dir
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir().resolve("smartcustoms"), "sa", "");
    }

    @Override
    String databaseName() {
        return "H2";
    }
}
