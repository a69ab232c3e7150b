package io.spyglass.cli;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the registry, the analysis workers and the web pages.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:SPYGLASS_PORT:-5000}", description = "HTTP port (env SPYGLASS_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "${env:SPYGLASS_DATA:-data}", description = "Data folder: SQLite database and blobs (env SPYGLASS_DATA, default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--no-signup", defaultValue = "${env:SPYGLASS_NO_SIGNUP:-false}",
            description = "Turn off the sign-up page; accounts are then made with `spyglass admin user create` (env SPYGLASS_NO_SIGNUP).")
    boolean noSignup;

    @Override
    public Integer call() throws Exception {
        SpyglassServer server = SpyglassServer.start(new ServerConfig(port, data, !noSignup));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitStop();
        return 0;
    }
}
