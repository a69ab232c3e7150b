package io.spyglass.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output FILE}, shared by every command that writes a result: checked before any work
 * is done, so a long analysis never ends in "cannot write", and written beside the target then
 * moved into place, so a failed run leaves no half-written file.
 */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    /** What a command writes, to whichever stream it is given. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Throws, naming FILE and what is wrong with it, unless FILE can be written. */
    void check() throws IOException {
        if (output == null) return;
        if (Files.isDirectory(output)) throw new IOException("cannot write " + output + ": it is a folder; name a file in it");
        Path folder = folder();
        if (!Files.exists(folder)) throw new IOException("cannot write " + output + ": folder " + folder + " does not exist");
        if (!Files.isDirectory(folder)) throw new IOException("cannot write " + output + ": " + folder + " is not a folder");
        if (!Files.isWritable(folder)) throw new IOException("cannot write " + output + ": folder " + folder + " is not writable");
    }

    /** Writes {@code body} to FILE (checked first), or to standard output when no FILE was given. */
    void write(Body body) throws IOException {
        if (output == null) {
            PrintStream out = System.out;
            body.writeTo(out);
            out.flush();
            return;
        }
        check();
        Path tmp = createTemporary();
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A fresh file beside FILE, made without {@code createTempFile}'s owner-only mode so the user's
     * umask applies as for any file a shell redirect makes; an existing FILE keeps its own mode.
     */
    private Path createTemporary() throws IOException {
        Path tmp = Files.createFile(folder().resolve(".spyglass-output-" + UUID.randomUUID() + ".tmp"));
        try {
            if (Files.exists(output) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(output));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    private Path folder() {
        return output.toAbsolutePath().getParent();
    }
}
