package io.spyglass.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code spyglass} command. Subcommands are registered explicitly here, one class each.
 * {@code scope = INHERIT} gives every subcommand {@code --help} (and {@code --version}).
 */
@Command(name = "spyglass",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = "spyglass " + Main.VERSION,
        description = "Container registry with continuous image analysis.")
public final class Main implements Runnable {
    static final String VERSION = "0.1.0";

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            ServeCommand.class,
            AdminCommand.class,
            SbomCommand.class,
            DbCommand.class,
            RepoCommand.class,
            VercmpCommand.class,
            CvesCommand.class,
            QuickviewCommand.class,
            PolicyCommand.class,
            CompareCommand.class,
            HealthcheckCommand.class,
            InstallCommand.class,
            RecommendationsCommand.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine(subcommandsFor(args)).setExecutionExceptionHandler(Main::failed).execute(args);
    }

    /** The whole command line, every subcommand registered (tests parse with it what {@link #run} would run). */
    static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> command : subcommands) cli.addSubcommand(command);
        return cli.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * Only the named subcommand when the first argument names one, else all (help, errors). Why: picocli
     * builds the model of every registered command and its options by reflection before running one;
     * for the thirteen commands that was about a third of a small image's {@code spyglass sbom}.
     */
    private static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> command : SUBCOMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(args[0])) return List.of(command);
            }
        }
        return SUBCOMMANDS;
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

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
