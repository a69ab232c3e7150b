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
            throw new IllegalArgumentException("unsupported database URL '" + redact(url)
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

    /** The URL as messages and logs show it: any password masked. */
    public String redactedUrl() {
        return redact(url);
    }

    /**
     * {@code url} (or a message quoting one) with its passwords masked: {@code user:****@host} and {@code password=****} (also
     * {@code sslpassword=}, any case); a password may itself hold {@code @}, so the userinfo runs to the
     * last one before the path.
     */
    public static String redact(String url) {
        if (url == null) return null;
        // a URL quoted in a message ends at a quote or a space
        return url.replaceAll("(?i)(password=)[^&;'\"\\s]*", "$1****").replaceAll("(//[^/?#@:'\"\\s]*:)[^/?#'\"\\s]*@", "$1****@");
    }

    @Override
    public String toString() {
        // never print the password (the record's own toString would print it twice)
        return "DatabaseConfig[" + redactedUrl() + (user == null ? "" : ", user " + user) + "]";
    }
}
