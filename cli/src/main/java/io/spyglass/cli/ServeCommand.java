package io.spyglass.cli;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.analysis.advisory.AdvisoryUpdates;
import java.nio.file.Path;
import io.spyglass.server.SpyglassServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the registry, the analysis workers and the web pages.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:SPYGLASS_PORT:-5000}", description = "HTTP port (env SPYGLASS_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    StorageOptions storage;

    @Mixin
    ObservabilityOptions observability;

    @Option(names = "--blob-store", defaultValue = "${env:SPYGLASS_BLOB_STORE}",
            description = "Where blobs go: a folder, or s3://BUCKET?endpoint=URL&region=R (credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY); env SPYGLASS_BLOB_STORE; default DATA/blobs.")
    String blobStore;

    @Option(names = "--base-url", defaultValue = "${env:SPYGLASS_BASE_URL}",
            description = "External URL of this server, for the token realm (env SPYGLASS_BASE_URL; default: the URL each client used).")
    String baseUrl;

    @Option(names = "--private-by-default", defaultValue = "${env:SPYGLASS_PRIVATE_BY_DEFAULT:-false}",
            description = "Repositories created by a push are private (default: public, as on Docker Hub).")
    boolean privateByDefault;

    @Option(names = "--no-signup", defaultValue = "${env:SPYGLASS_NO_SIGNUP:-false}",
            description = "Turn off the sign-up page; accounts are then made with `spyglass admin user create` (env SPYGLASS_NO_SIGNUP).")
    boolean noSignup;

    @Option(names = "--db-update-interval", defaultValue = "${env:SPYGLASS_DB_UPDATE_INTERVAL:-6h}", paramLabel = "DURATION",
            description = "How often the advisory feeds are fetched (`db update`), by one of the nodes sharing the database: 6h, 30m, 1d; 0 or off turns it off (env SPYGLASS_DB_UPDATE_INTERVAL, default ${DEFAULT-VALUE}).")
    String dbUpdateInterval;

    @Option(names = "--offline", defaultValue = "${env:SPYGLASS_OFFLINE:-false}",
            description = "This node never fetches advisory feeds; import them with `spyglass db import --data/--db-url` (env SPYGLASS_OFFLINE).")
    boolean offline;

    @Option(names = "--feeds", defaultValue = "${env:SPYGLASS_FEEDS}", paramLabel = "FILE",
            description = "Feed URLs for the scheduled update, lines of 'source = url [url…]' as for `db update --config` (env SPYGLASS_FEEDS; default: DATA/feeds.properties if present, else built-in feeds).")
    Path feeds;

    @Option(names = "--advisories-from", defaultValue = "${env:SPYGLASS_ADVISORIES_FROM}", paramLabel = "oci://REGISTRY/NS/REPO:TAG",
            description = "The scheduled update pulls the advisory artifact `spyglass db push` published there instead of the feeds; only changed sources are applied (env SPYGLASS_ADVISORIES_FROM; credentials SPYGLASS_REGISTRY_USER/PASSWORD).")
    String advisoriesFrom;

    @Option(names = "--tls-cert", defaultValue = "${env:SPYGLASS_TLS_CERT}", paramLabel = "FILE",
            description = "Serve https (HTTP/2 and HTTP/1.1) with this PEM certificate, its chain after it; reloaded when the file changes (env SPYGLASS_TLS_CERT; needs --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:SPYGLASS_TLS_KEY}", paramLabel = "FILE",
            description = "The certificate's PEM private key (PKCS#8, PKCS#1 or EC), unencrypted (env SPYGLASS_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--allow-private-webhooks", defaultValue = "${env:SPYGLASS_ALLOW_PRIVATE_WEBHOOKS:-false}",
            description = "Let webhooks go to loopback, private and link-local addresses, for receivers on your own network (env SPYGLASS_ALLOW_PRIVATE_WEBHOOKS; cloud metadata addresses stay refused).")
    boolean allowPrivateWebhooks;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS[/BITS]", split = ",",
            description = "A reverse proxy (address or CIDR range, repeatable) whose X-Forwarded-For names the client, for sign-in throttling; default: the connecting address is the client.")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Before opening the port, push and pull small images through a throwaway loopback instance, so the first clients meet compiled code (a few seconds; --no-warm-up skips it).")
    boolean warmUp;

    @Override
    public Integer call() throws Exception {
        observability.applyLogFormat();
        io.spyglass.server.metrics.MetricsAccess metricsAccess;
        try {
            metricsAccess = observability.metricsAccess();
        } catch (java.io.IOException e) {
            System.err.println("spyglass serve: cannot read the metrics token: " + e.getMessage());
            return 2;
        }
        Path feedConfig = feeds != null ? feeds : storage.data.resolve("feeds.properties");
        AdvisoryUpdates updates;
        io.spyglass.server.listen.Listening listening;
        try {
            updates = new AdvisoryUpdates(AdvisoryUpdates.parseInterval(dbUpdateInterval), offline, feedConfig,
                    advisoriesFrom == null || advisoriesFrom.isBlank() ? null : new io.spyglass.server.analysis.advisory.AdvisoryArtifactFeed(
                            advisoriesFrom, io.spyglass.image.source.RegistryOptions.fromEnvironment(false), storage.data.resolve(DbArtifacts.STATE)));
            listening = tlsCert == null && tlsKey == null ? io.spyglass.server.listen.Listening.PLAIN
                    : io.spyglass.server.listen.Listening.tls(new io.spyglass.server.tls.TlsConfig(tlsCert, tlsKey));
        } catch (IllegalArgumentException e) {
            System.err.println("spyglass serve: " + e.getMessage());
            return 2;
        }
        // before the port opens: "listening" then means the request path is compiled (issue 12)
        if (warmUp) io.spyglass.server.ops.RegistryWarmUp.run();
        SpyglassServer server;
        try {
            server = SpyglassServer.start(new ServerConfig(port, storage.data, storage.database(), blobStore, baseUrl,
                    privateByDefault, !noSignup, updates, listening,
                    new io.spyglass.server.SecurityOptions(allowPrivateWebhooks, trustedProxies)), metricsAccess);
        } catch (RuntimeException e) {
            // port in use, database unreachable, bad --blob-store: one line, not a stack trace
            System.err.println("spyglass serve: cannot start: " + io.spyglass.server.store.DatabaseConfig.redact(reason(e)));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitStop();
        return 0;
    }

    /** The first message in the cause chain that is not just a wrapped exception's toString. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && (t.getCause() == null || !m.equals(t.getCause().toString()))) return m;
        }
        return e.getClass().getSimpleName();
    }
}
