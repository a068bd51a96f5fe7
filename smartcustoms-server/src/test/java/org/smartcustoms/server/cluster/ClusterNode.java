package org.smartcustoms.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.smartcustoms.server.SmartCustomsApplication;
import org.smartcustoms.server.risk.RiskService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node of a test cluster: the whole server (its own Spring context, random port, empty data directory of its own)
 * started as {@code bin/smartcustoms serve} starts it, on a database and Kafka topics the test shares between its nodes.
 * Without demo data and without random selection, so channels follow from rules, watch lists and models only; with a
 * small connection pool.
 */
final class ClusterNode implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private ClusterNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts node {@code name} with the {@code database} and {@code cluster} properties the test's nodes share. */
    static ClusterNode start(String name, Map<String, ?> database, Map<String, String> cluster) {
        Path data;
        try {
            data = Files.createTempDirectory("sc-node-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--SMARTCUSTOMS_BOOTSTRAP_TOKEN=cluster-node-token", "--smartcustoms.demo.enabled=false",
                "--smartcustoms.risk.random-share=0", "--smartcustoms.data-dir=" + data,
                "--spring.main.banner-mode=off", "--smartcustoms.cluster.node=" + name,
                // a few connections each: a test JVM holds other contexts' pools on the same PostgreSQL server
                "--spring.datasource.hikari.maximum-pool-size=4"));
        database.forEach((k, v) -> args.add("--" + k + "=" + v));
        cluster.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new ClusterNode(SmartCustomsApplication.start(args.toArray(String[]::new)));
    }

    RiskService risk() {
        return context.getBean(RiskService.class);
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
