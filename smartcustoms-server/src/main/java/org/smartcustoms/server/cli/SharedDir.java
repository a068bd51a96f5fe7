package org.smartcustoms.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the optional read-only data folder {@code ../shared/data} beside the project (or SMARTCUSTOMS_SHARED_DIR). */
final class SharedDir {
    private SharedDir() { }

    /** The file under shared/data, or null when it is not there (callers then fall back to built-in data). */
    static Path file(String relative) {
        String env = CliEnvironment.get().sharedDir();
        String home = CliEnvironment.get().home();
        Path[] candidates = {
                env == null ? null : Paths.get(env, "data", relative),
                home == null ? null : Paths.get(home, "..", "shared", "data", relative),
                Paths.get("..", "shared", "data", relative)};
        for (Path p : candidates) {
            if (p != null && Files.isRegularFile(p)) return p.toAbsolutePath().normalize();
        }
        return null;
    }
}
