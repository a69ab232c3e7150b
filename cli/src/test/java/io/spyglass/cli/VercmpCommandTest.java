package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VercmpCommandTest {

    @ParameterizedTest(name = "{0}: {1} {3} {2}")
    @CsvSource({
            "Debian, 1.2.3-1~deb12u1, 1.2.3-1, <",
            "Debian:12, 1:1.0, 2.0, >",
            "Alpine, 3.3.2-r0, 3.3.2-r1, <",
            "Red Hat, 1.0^git1, 1.0, >",
            "Arch, 1.5-1, 1.5, =",
            "PyPI, 1.0.dev0, 1.0a1, <",
            "npm, 4.17.15, 4.17.21, <",
            "Go, v0.7.0, v0.17.0, <",
            "Maven, 2.14.1, 2.15.0, <",
            "NuGet, 1.0.0-BETA, 1.0.0-beta, =",
            "RubyGems, 1.0.a, 1.0, <",
            "Packagist, 1.0pl1, 1.0, >",
            "GitHub Actions, v4, v4.0.0, ="})
    void printsTheOrder(String ecosystem, String a, String b, String expected) {
        CliRun run = CliRun.of("vercmp", ecosystem, a, b);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expected + System.lineSeparator());
    }

    @Test
    void invalidVersionIsAClearErrorWithExitCode2() {
        CliRun run = CliRun.of("vercmp", "npm", "1.0.0", "not-a-version");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("semver version 'not-a-version' is invalid");
    }

    @Test
    void unknownEcosystemIsNamed() {
        CliRun run = CliRun.of("vercmp", "Hackage", "1", "2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown ecosystem 'Hackage'");
    }

    @Test
    void missingSecondVersionIsAUsageError() {
        CliRun run = CliRun.of("vercmp", "npm", "1.0.0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("two versions");
    }

    @Test
    void readsPairsFromStdinOneAnswerPerLine() {
        CliRun run = withStdin("1.0 1.1\n2.0  2.0.0\n\n1.10\t1.9\n", "vercmp", "Maven", "-");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("<", "=", ">");
    }

    @Test
    void badStdinLinesAreMarkedAndTheExitCodeIsTwoAtTheEnd() {
        CliRun run = withStdin("1.0.0 1.0.1\n1.0.0 banana\nonly-one\n2.0.0 1.0.0\n", "vercmp", "npm", "-");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).containsExactly("<", "!", "!", ">");
        assertThat(run.err()).contains("line 2: semver version 'banana' is invalid").contains("line 3: expected 'A B'");
    }

    @Test
    void aLineThatBreaksTheSchemeIsMarkedAndTheRestIsAnswered() {
        // 20,000 Maven list items: ComparableVersion recurses once per item and runs out of stack
        String deep = "1-".repeat(20_000) + "1";
        CliRun run = withStdin("1.0 1.1\n" + deep + " " + deep + "\n2.0 1.0\n", "vercmp", "Maven", "-");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).containsExactly("<", "!", ">");
        assertThat(run.err()).contains("line 2: cannot be compared");
    }

    @Test
    void legacyPypiAndUnnormalisableComposerVersionsAreAnswered() {
        // issue 15: these used to be '!' lines
        assertThat(withStdin("2.0.0-final 2.0.0\n0.4.0-p1 0.4.0-p2\n", "vercmp", "PyPI", "-").out().lines())
                .containsExactly("<", "<");
        assertThat(withStdin("1.5.1.dev100 1.5.0\n4.3-2RC1 4.3-2RC2\n", "vercmp", "Packagist", "-").out().lines())
                .containsExactly(">", "<");
        assertThat(withStdin("1.9.5p1 1.9.5p2\n", "vercmp", "Alpine", "-").out().lines()).containsExactly("<");
    }

    private static CliRun withStdin(String input, String... args) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return CliRun.of(args);
        } finally {
            System.setIn(old);
        }
    }
}
