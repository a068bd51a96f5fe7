package org.smartcustoms.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the read-only data set beside the project ({@code ../shared/data}). Tests using it carry
 * {@code @Tag("shared-data")}. Without the data a developer's run skips them, but under {@code CI=true}
 * a missing file fails the test: CI must never count a skipped data test as passing.
 */
public final class SharedData {
    private SharedData() { }

    /** The {@code shared/data} directory, as configured by surefire or found by walking up from the working dir. */
    public static Path dataDir() {
        String prop = System.getProperty("smartcustoms.shared.dir");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize().resolve("data");
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate)) return candidate;
        }
        return dir.resolve("../shared/data").normalize();
    }

    /** Resolves a file under shared/data, failing under CI and skipping elsewhere when it is absent. */
    public static Path require(String relative) {
        Path p = dataDir().resolve(relative);
        if (!Files.exists(p)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("Shared data missing under CI=true: " + p);
            }
            Assumptions.abort("shared data not present: " + p);
        }
        return p;
    }
}
