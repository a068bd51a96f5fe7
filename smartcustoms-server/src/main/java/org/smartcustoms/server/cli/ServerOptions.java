package org.smartcustoms.server.cli;

import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.server.SmartCustomsApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Option;

/** Options shared by commands that open the database: data directory (H2 default) or SMARTCUSTOMS_DB_URL. */
public class ServerOptions {
    @Option(names = "--data-dir", description = "Directory of the embedded H2 database and models (default ./data, or SMARTCUSTOMS_DATA_DIR).")
    String dataDir;

    List<String> springArgs() {
        List<String> a = new ArrayList<>();
        if (dataDir != null) a.add("--smartcustoms.data-dir=" + dataDir);
        String url = CliEnvironment.get().dbUrl();
        String durable = durableH2(url);
        if (durable != null && !durable.equals(url)) a.add("--spring.datasource.url=" + durable);
        return a;
    }

    /**
     * An H2 database URL given in SMARTCUSTOMS_DB_URL gets WRITE_DELAY=0, as the default in application.properties
     * has, unless it sets WRITE_DELAY itself: a commit is then written to the file before it returns, so nothing
     * acknowledged is lost when the process is killed. In-memory and read-only (zip:) URLs are left as they are.
     */
    static String durableH2(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) return url;
        String rest = url.substring(8).toLowerCase(java.util.Locale.ROOT);
        if (rest.startsWith("mem:") || rest.startsWith("zip:") || rest.contains("write_delay")) return url;
        return url + ";WRITE_DELAY=0";
    }

    /**
     * The server (web included) on the configured database on a free loopback port, logging warnings only, for the
     * HTTP benchmarks; {@link #port} and {@link #database} read it.
     */
    public ConfigurableApplicationContext webOnLoopback(String... extra) {
        List<String> args = springArgs();
        args.add("--server.port=0");
        args.add("--server.address=127.0.0.1");
        args.add("--logging.level.root=WARN");
        args.add("--spring.main.banner-mode=off");
        args.addAll(List.of(extra));
        return SmartCustomsApplication.start(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    /** "h2", "postgresql" or "other": the kind of database the context runs on. */
    public static String database(ConfigurableApplicationContext ctx) {
        String db = ctx.getEnvironment().getProperty("spring.datasource.url", "?");
        return db.startsWith("jdbc:h2") ? "h2" : db.startsWith("jdbc:postgresql") ? "postgresql" : "other";
    }

    /**
     * A Spring context with storage and services but no web server, for batch commands. Start-up failures are not
     * logged with stack traces: they come back as a {@link CliFailure} whose one-line message the CLI prints (a
     * database held by a running server says so, and what to do instead).
     */
    ConfigurableApplicationContext offline(String... extra) {
        return offline(true, extra);
    }

    /**
     * The same; with {@code shutdownHook} false the context is not closed by Spring on SIGTERM, for a command that
     * finishes its work in flight first and closes the context itself.
     */
    ConfigurableApplicationContext offline(boolean shutdownHook, String... extra) {
        List<String> a = springArgs();
        a.addAll(List.of(extra));
        SpringApplication app = new SpringApplication(SmartCustomsApplication.class);
        app.setRegisterShutdownHook(shutdownHook);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(java.util.Map.of(
                "logging.level.org.springframework.boot.SpringApplication", "OFF",
                "logging.level.org.springframework.boot.autoconfigure.logging", "OFF",
                "logging.level.org.springframework.context", "ERROR",
                "logging.level.com.zaxxer.hikari", "WARN"));
        try {
            return app.run(a.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw CliFailure.of(e, dataDir);
        }
    }
}
