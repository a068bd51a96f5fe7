package org.smartcustoms.server.cli;

import java.sql.Connection;
import java.sql.DriverManager;

/** Test helper run in a child JVM: opens an H2 file database (as a running server would hold it) until killed. */
public final class HoldDatabase {
    private HoldDatabase() { }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + args[0] + "/smartcustoms;WRITE_DELAY=0", "sa", "")) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS held (id INT)");
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
