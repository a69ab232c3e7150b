package io.spyglass.server.store;

import java.nio.file.Path;

/**
 * Where the metadata lives: a JDBC URL plus optional credentials. The default is a SQLite file in
 * the data folder; {@code jdbc:postgresql://…} selects PostgreSQL (user and password from the URL
 * or given here).
 */
public record DatabaseConfig(String url, String user, String password) {

    public DatabaseConfig {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("database URL is missing");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported database URL '" + url
                    + "' (want jdbc:postgresql://… or jdbc:sqlite:FILE)");
        }
    }

    /** The SQLite default: {@code <data>/spyglass.db}. */
    public static DatabaseConfig sqlite(Path dataDir) {
        return new DatabaseConfig("jdbc:sqlite:" + dataDir.resolve("spyglass.db").toAbsolutePath(), null, null);
    }

    /** {@code url} when given, else the SQLite default in {@code dataDir}. */
    public static DatabaseConfig of(String url, String user, String password, Path dataDir) {
        return url == null || url.isBlank() ? sqlite(dataDir) : new DatabaseConfig(url, user, password);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        // never print the password
        return "DatabaseConfig[" + url.replaceAll("password=[^&]*", "password=***") + "]";
    }
}
