package org.smartcustoms.server.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.smartcustoms.server.SmartCustomsApplication;

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
        }
        serving = true;
        SmartCustomsApplication.start(a.toArray(String[]::new));
        return 0;
    }
}
