package org.smartcustoms.server.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.smartcustoms.server.SmartCustomsApplication;
import org.smartcustoms.server.cluster.ClusterSettings;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the server (REST API, web workspace). Embedded H2 under --data-dir unless SMARTCUSTOMS_DB_URL is set.")
class ServeCommand implements Callable<Integer> {
    static volatile boolean serving;

    @Mixin
    ServerOptions options;

    @Option(names = "--port", description = "HTTP port (default 8080, or SMARTCUSTOMS_PORT).")
    Integer port;

    @Option(names = "--demo", description = "On an empty database, load a synthetic demo world (users, tariff, declarations).")
    boolean demo;

    @Option(names = "--demo-declarations", defaultValue = "2000", description = "Declarations in the demo world (default ${DEFAULT-VALUE}).")
    int demoDeclarations;

    @Option(names = "--worker", description = "Cluster mode worker (docs/cluster.md): decide the declarations queued on Kafka "
            + "(SMARTCUSTOMS_KAFKA_BOOTSTRAP) with the other workers of the group; no web server. Needs a database the "
            + "API nodes share (SMARTCUSTOMS_DB_URL, PostgreSQL).")
    boolean worker;

    @Override
    public Integer call() {
        List<String> a = options.springArgs();
        if (worker) {
            String bootstrap = CliEnvironment.get().variable("SMARTCUSTOMS_KAFKA_BOOTSTRAP");
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new CliFailure("serve --worker needs SMARTCUSTOMS_KAFKA_BOOTSTRAP (the Kafka brokers, e.g. localhost:9092; bin/kafka start)", null);
            }
            if (demo) throw new CliFailure("serve --worker takes no --demo: load the demo world through an API node", null);
            a.add("--smartcustoms.cluster.worker=true");
            a.add("--spring.main.web-application-type=none");
            serving = true;
            ConfigurableApplicationContext ctx = SmartCustomsApplication.start(a.toArray(String[]::new));
            ClusterSettings s = ctx.getBean(ClusterSettings.class);
            // the worker thread keeps the process alive until it is stopped (SIGTERM: the poll in hand is committed)
            System.out.println("SMART Customs worker " + s.node() + " ready: group " + s.workerGroup() + " on " + s.intakeTopic()
                    + " at " + s.bootstrap());
            return 0;
        }
        if (port != null) a.add("--server.port=" + port);
        if (demo) {
            a.add("--smartcustoms.demo.enabled=true");
            a.add("--smartcustoms.demo.declarations=" + demoDeclarations);
            // Demo Customs plans its control capacity: about 4% physical inspections and 10% documentary checks, the
            // highest-scored declarations of the last 1,000 (application.properties; SMARTCUSTOMS_RISK_TARGET* override)
            a.add("--smartcustoms.demo.target-red-rate=0.04");
            a.add("--smartcustoms.demo.target-yellow-rate=0.10");
        }
        serving = true;
        ConfigurableApplicationContext ctx = SmartCustomsApplication.start(a.toArray(String[]::new));
        // start() returns once the server answers and the start-up jobs (the demo world) are done
        System.out.println(readyLine(ctx.getEnvironment()));
        return 0;
    }

    /** "SMART Customs ready at http://localhost:8080/": the address the server answers at. */
    static String readyLine(Environment env) {
        String address = env.getProperty("server.address", "");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "localhost"
                : address.contains(":") ? "[" + address + "]" : address;
        return "SMART Customs ready at http://" + host + ":" + env.getProperty("local.server.port") + "/";
    }
}
