package io.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Main} registers only the subcommand its first argument names (start-up); help, version and
 * errors must still see every command.
 */
class MainCommandsTest {
    private static final String[] COMMANDS = {"serve", "admin", "sbom", "db", "repo", "vercmp", "cves",
            "quickview", "policy", "compare", "healthcheck", "install", "recommendations"};

    @Test
    void noArgumentsAndHelpListEveryCommand() {
        for (String[] args : new String[][] {{}, {"--help"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("Usage: spyglass [-hV] [COMMAND]"), run.out());
            for (String command : COMMANDS) {
                assertTrue(run.out().contains("\n  " + command + " "), command + " missing from:\n" + run.out());
            }
        }
    }

    @Test
    void aSubcommandKeepsItsInheritedHelpAndVersion() {
        CliRun help = CliRun.of("sbom", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: spyglass sbom "), help.out());
        CliRun version = CliRun.of("sbom", "--version");
        assertEquals(0, version.exitCode(), version.err());
        assertEquals("spyglass " + Main.VERSION, version.out().strip());
        CliRun nested = CliRun.of("admin", "user", "--help");
        assertEquals(0, nested.exitCode(), nested.err());
        assertTrue(nested.out().startsWith("Usage: spyglass admin user "), nested.out());
    }

    @Test
    void anUnknownCommandIsNamedWithTheClosestOne() {
        CliRun run = CliRun.of("sbon");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Unmatched argument at index 0: 'sbon'"), run.err());
        assertTrue(run.err().contains("Did you mean: spyglass sbom"), run.err());
    }
}
