package org.smartcustoms.server.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.smartcustoms.server.SmartCustomsApplication;
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

    @Override
    public Integer call() {
        List<String> a = options.springArgs();
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
