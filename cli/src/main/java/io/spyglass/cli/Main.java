package io.spyglass.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code spyglass} command. Subcommands are registered explicitly here, one class each.
 * {@code scope = INHERIT} gives every subcommand {@code --help} (and {@code --version}).
 */
@Command(name = "spyglass",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = "spyglass 0.1.0",
        description = "Container registry with continuous image analysis.",
        subcommands = {
                ServeCommand.class,
                AdminCommand.class,
                SbomCommand.class,
                DbCommand.class,
                RepoCommand.class,
                VercmpCommand.class,
                CvesCommand.class,
                QuickviewCommand.class,
                CompareCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
