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
        version = "spyglass " + Main.VERSION,
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
                HealthcheckCommand.class,
                InstallCommand.class,
        })
public final class Main implements Runnable {
    static final String VERSION = "0.1.0";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::failed).execute(args);
    }

    /** An error no command caught (e.g. a database that cannot be opened): one line naming the command and the cause, no stack trace. */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        // a driver's message may quote the URL it was given: never with its password
        message = io.spyglass.server.store.DatabaseConfig.redact(message);
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + message);
        command.getErr().flush();
        return 1;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
