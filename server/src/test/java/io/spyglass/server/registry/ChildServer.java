package io.spyglass.server.registry;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import java.nio.file.Path;

/** A server in its own JVM, so a test can kill -9 it: {@code ChildServer DATA_DIR}; prints "PORT n". */
public final class ChildServer {
    private ChildServer() {}

    public static void main(String[] args) throws Exception {
        SpyglassServer server = SpyglassServer.start(new ServerConfig(0, Path.of(args[0])));
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.awaitStop();
    }
}
