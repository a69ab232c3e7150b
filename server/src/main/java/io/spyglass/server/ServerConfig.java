package io.spyglass.server;

import io.spyglass.server.analysis.advisory.AdvisoryUpdates;
import io.spyglass.server.store.DatabaseConfig;
import java.nio.file.Path;

/**
 * Everything {@code spyglass serve} needs to start.
 *
 * @param port            HTTP port (0 = any free port)
 * @param dataDir         data folder: SQLite database and (by default) blobs
 * @param database        metadata database (SQLite in {@code dataDir} by default)
 * @param blobStore       {@code --blob-store}: null/empty = {@code dataDir/blobs}, a folder, or {@code s3://…}
 * @param baseUrl         external URL for the token realm; null = from each request's Host
 * @param privateByDefault whether repositories created by a push are private
 * @param signupOpen      whether the web sign-up page is on
 * @param advisoryUpdates the scheduled {@code db update} (off unless given)
 * @param listening       plain HTTP or TLS, and connection time limits (plain by default)
 * @param security        webhook address policy and trusted proxies ({@link SecurityOptions#DEFAULT} unless given)
 */
public record ServerConfig(int port, Path dataDir, DatabaseConfig database, String blobStore, String baseUrl,
                           boolean privateByDefault, boolean signupOpen, AdvisoryUpdates advisoryUpdates,
                           io.spyglass.server.listen.Listening listening, SecurityOptions security) {

    public ServerConfig {
        if (dataDir == null) throw new IllegalArgumentException("data folder is missing");
        if (database == null) database = DatabaseConfig.sqlite(dataDir);
        if (baseUrl != null && baseUrl.isBlank()) baseUrl = null;
        if (baseUrl != null) baseUrl = baseUrl.replaceAll("/+$", "");
        if (advisoryUpdates == null) advisoryUpdates = AdvisoryUpdates.OFF;
        if (listening == null) listening = io.spyglass.server.listen.Listening.PLAIN;
        if (security == null) security = SecurityOptions.DEFAULT;
    }

    /** Plain HTTP, default security options. */
    public ServerConfig(int port, Path dataDir, DatabaseConfig database, String blobStore, String baseUrl,
                        boolean privateByDefault, boolean signupOpen, AdvisoryUpdates advisoryUpdates,
                        io.spyglass.server.listen.Listening listening) {
        this(port, dataDir, database, blobStore, baseUrl, privateByDefault, signupOpen, advisoryUpdates, listening, null);
    }

    /** Plain HTTP. */
    public ServerConfig(int port, Path dataDir, DatabaseConfig database, String blobStore, String baseUrl,
                        boolean privateByDefault, boolean signupOpen, AdvisoryUpdates advisoryUpdates,
                        SecurityOptions security) {
        this(port, dataDir, database, blobStore, baseUrl, privateByDefault, signupOpen, advisoryUpdates, null, security);
    }

    /** Plain HTTP, default security options. */
    public ServerConfig(int port, Path dataDir, DatabaseConfig database, String blobStore, String baseUrl,
                        boolean privateByDefault, boolean signupOpen, AdvisoryUpdates advisoryUpdates) {
        this(port, dataDir, database, blobStore, baseUrl, privateByDefault, signupOpen, advisoryUpdates, null, null);
    }

    /** No scheduled advisory update. */
    public ServerConfig(int port, Path dataDir, DatabaseConfig database, String blobStore, String baseUrl,
                        boolean privateByDefault, boolean signupOpen) {
        this(port, dataDir, database, blobStore, baseUrl, privateByDefault, signupOpen, AdvisoryUpdates.OFF);
    }

    /** SQLite and blobs in {@code dataDir}, realm from the request. */
    public ServerConfig(int port, Path dataDir) {
        this(port, dataDir, true);
    }

    public ServerConfig(int port, Path dataDir, boolean signupOpen) {
        this(port, dataDir, null, null, null, false, signupOpen);
    }

    /**
     * Analysis workers, poll and lease times: from system properties {@code spyglass.analysis.*}
     * (see {@link io.spyglass.server.analysis.AnalysisConfig#fromSystemProperties}), defaults otherwise.
     */
    public io.spyglass.server.analysis.AnalysisConfig analysis() {
        return io.spyglass.server.analysis.AnalysisConfig.fromSystemProperties();
    }

    public ServerConfig withDatabase(DatabaseConfig db) {
        return new ServerConfig(port, dataDir, db, blobStore, baseUrl, privateByDefault, signupOpen, advisoryUpdates, listening, security);
    }

    public ServerConfig withBlobStore(String store) {
        return new ServerConfig(port, dataDir, database, store, baseUrl, privateByDefault, signupOpen, advisoryUpdates, listening, security);
    }

    public ServerConfig withListening(io.spyglass.server.listen.Listening how) {
        return new ServerConfig(port, dataDir, database, blobStore, baseUrl, privateByDefault, signupOpen, advisoryUpdates, how, security);
    }

    public ServerConfig withSecurity(SecurityOptions options) {
        return new ServerConfig(port, dataDir, database, blobStore, baseUrl, privateByDefault, signupOpen, advisoryUpdates, listening, options);
    }
}
