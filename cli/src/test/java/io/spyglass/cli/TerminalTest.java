package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard error is a terminal when fd 2 links to one; the environment can force either way. */
class TerminalTest {
    @TempDir
    Path tmp;

    private Path fd2To(String target) throws Exception {
        return Files.createSymbolicLink(tmp.resolve("2"), Path.of(target));
    }

    @Test
    void aPseudoTerminalOrConsoleIsATerminal() throws Exception {
        assertThat(Terminal.stderr(Map.of(), fd2To("/dev/pts/3"), false)).isTrue();
        Files.delete(tmp.resolve("2"));
        assertThat(Terminal.stderr(Map.of(), fd2To("/dev/tty1"), false)).isTrue();
    }

    @Test
    void aFileAPipeOrDevNullIsNotEvenWithAConsole() throws Exception {
        // System.console() only says stdin and stdout are terminals: `spyglass cves X 2> log` must stay clean
        assertThat(Terminal.stderr(Map.of(), fd2To("/dev/null"), true)).isFalse();
        Files.delete(tmp.resolve("2"));
        assertThat(Terminal.stderr(Map.of(), fd2To("pipe:[12345]"), true)).isFalse();
        Files.delete(tmp.resolve("2"));
        assertThat(Terminal.stderr(Map.of(), fd2To(tmp.resolve("log").toString()), true)).isFalse();
    }

    @Test
    void theEnvironmentForcesItAndADumbTerminalHasNone() throws Exception {
        Path pipe = fd2To("pipe:[1]");
        assertThat(Terminal.stderr(Map.of("SPYGLASS_PROGRESS", "always"), pipe, false)).isTrue();
        Path pts = tmp.resolve("pts");
        Files.createSymbolicLink(pts, Path.of("/dev/pts/0"));
        assertThat(Terminal.stderr(Map.of("SPYGLASS_PROGRESS", "never"), pts, true)).isFalse();
        assertThat(Terminal.stderr(Map.of("TERM", "dumb"), pts, true)).isFalse();
    }

    @Test
    void withoutProcTheConsoleIsTheGuess() {
        Path none = tmp.resolve("no-such-fd");
        assertThat(Terminal.stderr(Map.of(), none, true)).isTrue();
        assertThat(Terminal.stderr(Map.of(), none, false)).isFalse();
    }
}
