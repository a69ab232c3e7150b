package io.spyglass.server.registry;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in its own JVM, so a test can kill -9 it: {@code ChildServer DATA_DIR}; prints "PORT n".
 * {@link #start} launches one on this test's class path, {@link #port} waits for it to listen.
 */
public final class ChildServer {
    private ChildServer() {}

    public static void main(String[] args) throws Exception {
        SpyglassServer server = SpyglassServer.start(new ServerConfig(0, Path.of(args[0])));
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.awaitStop();
    }

    /** Starts a child server on {@code data} with these JVM options; its standard error goes to a new log file in {@code logDir}. */
    public static Process start(Path data, Path logDir, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildServer.class.getName(), data.toString()));
        return new ProcessBuilder(command).redirectError(logDir.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
    }

    /** Waits for the child's "PORT n" line and returns n; the rest of its output is drained so it never blocks on a full pipe. */
    public static int port(Process child) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                int port = Integer.parseInt(line.substring(5).trim());
                Thread drain = new Thread(() -> {
                    try {
                        r.transferTo(Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the child died: that is the point of the tests that use it
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("child server exited before listening");
    }
}
