package io.spyglass.server.tls;

import java.nio.file.Path;

/** A certificate or key file that cannot be used; the message names the file and what is wrong. */
public final class TlsFileException extends RuntimeException {
    TlsFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    TlsFileException(Path file, String problem) {
        this(file, problem, null);
    }
}
