package org.smartcustoms.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build, from {@code META-INF/build-info.properties} (written by the Spring Boot Maven plugin's
 * build-info goal): the one source for {@code smartcustoms --version} and the OpenAPI document. "development" when
 * the classes were not built by Maven.
 */
public final class BuildVersion {
    private static final String VERSION = read();

    private BuildVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in == null) return "development";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("build.version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
