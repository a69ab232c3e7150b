package io.spyglass.cli;

import io.spyglass.advisory.FileAdvisoryStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "db", description = "The local vulnerability database: import, update, status.",
        subcommands = {DbImportCommand.class, DbUpdateCommand.class, DbStatusCommand.class})
final class DbCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--db", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Database folder (env SPYGLASS_DB, default ~/.spyglass/db).")
    Path db;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The chosen folder: --db, else SPYGLASS_DB, else ~/.spyglass/db. */
    static Path folder(Path option) {
        if (option != null) return option;
        String env = System.getenv("SPYGLASS_DB");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".spyglass", "db");
    }

    static FileAdvisoryStore store(Path option) {
        return new FileAdvisoryStore(folder(option));
    }
}
