package io.spyglass.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Whether standard error is a terminal, for progress lines. Java 17 has no isatty for stderr:
 * {@code System.console() != null} means stdin and stdout are terminals, which says nothing about
 * {@code spyglass cves IMAGE > out.json} or {@code 2> log}. So, in this order:
 * <ol>
 *   <li>{@code SPYGLASS_PROGRESS=always} or {@code never} decides (a CI log that wants progress, a terminal that does not);
 *   <li>{@code TERM=dumb} is no terminal (a \r would only litter the output);
 *   <li>on Linux, {@code /proc/self/fd/2} links to the file stderr is: a terminal is {@code /dev/pts/N} or {@code /dev/ttyX};
 *   <li>without {@code /proc}, {@code System.console() != null} is the best guess left (stdin and stdout are terminals,
 *       so stderr very likely is too).
 * </ol>
 */
final class Terminal {
    static final String ENV = "SPYGLASS_PROGRESS";
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {}

    /** Whether this process's standard error is a terminal. */
    static boolean stderr() {
        return stderr(System.getenv(), STDERR, System.console() != null);
    }

    /**
     * @param fd2     the {@code /proc} link of file descriptor 2
     * @param console whether {@code System.console()} is there, used only when {@code fd2} cannot be read
     */
    static boolean stderr(Map<String, String> env, Path fd2, boolean console) {
        String forced = env.getOrDefault(ENV, "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("always")) return true;
        if (forced.equals("never")) return false;
        if ("dumb".equals(env.get("TERM"))) return false;
        if (!Files.isSymbolicLink(fd2)) return console;
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return console;
        }
    }

    /** The terminal's width from {@code COLUMNS} (shells export it), else 80. */
    static int width(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
