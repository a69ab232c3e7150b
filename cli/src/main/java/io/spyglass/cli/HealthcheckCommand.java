package io.spyglass.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spyglass healthcheck}: the container health check, for people and scripts. */
@Command(name = "healthcheck", description = "Exit 0 when the server on this machine answers (GET /v2/ on 127.0.0.1), else 1.")
final class HealthcheckCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:SPYGLASS_PORT:-5000}", description = "The server's port (env SPYGLASS_PORT, default ${DEFAULT-VALUE}).")
    String port;

    @Override
    public Integer call() {
        String problem = HealthCheck.check(port);
        if (problem == null) {
            System.out.println("healthy");
            return 0;
        }
        System.err.println("spyglass healthcheck: " + problem);
        return 1;
    }
}
