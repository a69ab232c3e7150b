package io.spyglass.cli;

import io.spyglass.advisory.FileAdvisoryStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "db", description = "The local vulnerability database: import, update, status, export, push.",
        subcommands = {DbImportCommand.class, DbUpdateCommand.class, DbStatusCommand.class, DbExportCommand.class,
                DbPushCommand.class})
final class DbCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--db", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Database folder (env SPYGLASS_DB, default ~/.spyglass/db).")
    Path db;

    @Option(names = "--data", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "A Spyglass server's data folder: use its database (SQLite there) instead of the --db folder.")
    Path serverData;

    @Option(names = "--db-url", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "A Spyglass server's database JDBC URL (e.g. PostgreSQL). A running server re-evaluates its reports from what is imported.")
    String dbUrl;

    boolean serverDatabase() {
        return serverData != null || dbUrl != null;
    }

    private io.spyglass.server.store.Database database;

    /** The server's database when --data/--db-url is given (opened once), else the local folder store. */
    io.spyglass.advisory.AdvisoryStore advisoryStore() {
        if (!serverDatabase()) return store(db);
        if (database == null) {
            database = io.spyglass.server.store.Database.open(io.spyglass.server.store.DatabaseConfig.of(dbUrl,
                    System.getenv("SPYGLASS_DB_USER"), System.getenv("SPYGLASS_DB_PASSWORD"), serverData != null ? serverData : Path.of("data")));
        }
        return new io.spyglass.server.analysis.advisory.SqlAdvisoryStore(database);
    }

    /** A subcommand's work; its exit code. */
    interface Work {
        int run() throws Exception;
    }

    /** Runs {@code work}, then closes the server database if it opened one (the command may run inside a longer-lived JVM, e.g. tests). */
    int closing(Work work) throws Exception {
        try {
            return work.run();
        } finally {
            if (database != null) database.close();
            database = null;
        }
    }

    /** Where {@code db update --from oci://} remembers the layers it applied: beside the data (none for --db-url). */
    Path pulledLayers() {
        if (serverData != null) return serverData.resolve(DbArtifacts.STATE);
        if (dbUrl != null) return null;
        return folder(db).resolve(DbArtifacts.STATE);
    }

    /** Where the data is, for messages (a password in the URL masked). */
    String where() {
        if (dbUrl != null) return io.spyglass.server.store.DatabaseConfig.redact(dbUrl);
        if (serverData != null) return "server database in " + serverData;
        return folder(db).toString();
    }

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
