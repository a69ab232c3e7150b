package io.spyglass.cli;

import io.spyglass.server.store.DatabaseConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --db-url}: the same for {@code serve} and {@code admin}, so both act on one store. */
final class StorageOptions {

    @Option(names = "--data", defaultValue = "${env:SPYGLASS_DATA:-data}",
            description = "Data folder: SQLite database and blobs (env SPYGLASS_DATA, default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db-url", defaultValue = "${env:SPYGLASS_DB_URL}",
            description = "Database JDBC URL, e.g. jdbc:postgresql://host/db (env SPYGLASS_DB_URL; default SQLite in the data folder).")
    String dbUrl;

    DatabaseConfig database() {
        return DatabaseConfig.of(dbUrl, System.getenv("SPYGLASS_DB_USER"), System.getenv("SPYGLASS_DB_PASSWORD"), data);
    }
}
