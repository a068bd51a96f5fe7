package org.smartcustoms.server.cli;

import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.server.SmartCustomsApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Option;

/** Options shared by commands that open the database: data directory (H2 default) or SMARTCUSTOMS_DB_URL. */
class ServerOptions {
    @Option(names = "--data-dir", description = "Directory of the embedded H2 database and models (default ./data, or SMARTCUSTOMS_DATA_DIR).")
    String dataDir;

    List<String> springArgs() {
        List<String> a = new ArrayList<>();
        if (dataDir != null) a.add("--smartcustoms.data-dir=" + dataDir);
        return a;
    }

    /** A Spring context with storage and services but no web server, for batch commands. */
    ConfigurableApplicationContext offline(String... extra) {
        List<String> a = springArgs();
        a.addAll(List.of(extra));
        SpringApplication app = new SpringApplication(SmartCustomsApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        return app.run(a.toArray(String[]::new));
    }
}
