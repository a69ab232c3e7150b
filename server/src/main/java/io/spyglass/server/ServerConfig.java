package io.spyglass.server;

import java.nio.file.Path;

/** Everything {@code spyglass serve} needs to start. */
public record ServerConfig(int port, Path dataDir, boolean signupOpen) {
    public ServerConfig(int port, Path dataDir) {
        this(port, dataDir, true);
    }
}
