package org.smartcustoms.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo credentials file is readable by its owner only, also when it existed before with wider modes. */
class DemoCredentialsFileTest {
    @TempDir
    Path dir;

    @Test
    void credentialsAreOwnerOnly() throws Exception {
        Path file = dir.resolve("demo-credentials.txt");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DemoWorldLoader.writeOwnerOnly(file, "trader password=x\n");
        assertThat(Files.readString(file)).isEqualTo("trader password=x\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
