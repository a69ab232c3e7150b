package io.spyglass.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.analysis.advisory.AdvisoryUpdater;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.api.RepositorySettingsApi;
import io.spyglass.server.auth.TokenHandler;
import io.spyglass.server.auth.TokenService;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.listen.HttpListener;
import io.spyglass.server.metrics.MetricsAccess;
import io.spyglass.server.metrics.ServerMetrics;
import io.spyglass.server.ops.HealthRoutes;
import io.spyglass.server.ops.RequestContext;
import io.spyglass.server.registry.RegistryRoutes;
import io.spyglass.server.store.Database;
import io.spyglass.server.throttle.ClientAddress;
import io.spyglass.server.throttle.SignInThrottle;
import io.spyglass.server.store.UploadPurger;
import io.spyglass.server.store.blob.BlobStore;
import io.spyglass.server.store.blob.StorageDrivers;
import io.spyglass.server.web.SecurityHeaders;
import io.spyglass.server.web.WebPages;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the parts together and runs the HTTP server. */
public final class SpyglassServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpyglassServer.class);

    private final Javalin app;
    private final Database db;
    private final Hub hub;
    private final BlobStore blobs;
    private final Analysis analysis;
    private final AdvisoryUpdater updater;
    private final UploadPurger purger;
    private final ServerMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private SpyglassServer(Javalin app, Database db, Hub hub, BlobStore blobs, Analysis analysis, AdvisoryUpdater updater,
            UploadPurger purger, ServerMetrics metrics) {
        this.metrics = metrics;
        this.app = app;
        this.db = db;
        this.hub = hub;
        this.blobs = blobs;
        this.analysis = analysis;
        this.updater = updater;
        this.purger = purger;
    }

    public static SpyglassServer start(ServerConfig config) throws Exception {
        return start(config, MetricsAccess.OPEN);
    }

    /** The same, with {@code /metrics} readable as {@code metricsAccess} says. */
    public static SpyglassServer start(ServerConfig config, MetricsAccess metricsAccess) throws Exception {
        HttpListener listener = HttpListener.prepare(config.port(), config.listening(), config.baseUrl());
        Files.createDirectories(config.dataDir());
        Database db = Database.open(config.database());
        Analysis analysis = null;
        ServerMetrics metrics = new ServerMetrics(metricsAccess);
        try {
            db.bindMetrics(metrics.registry());
            Hub hub = Hub.over(db, config.privateByDefault());
            BlobStore blobs = new BlobStore(StorageDrivers.fromOption(config.blobStore(), config.dataDir()));
            TokenService tokens = new TokenService(db, hub);
            Javalin app = Javalin.create(c -> {
                c.showJavalinBanner = false;
                // blobs are compressed already and their digests cover the exact bytes
                c.http.disableCompression();
                c.http.maxRequestSize = 1_000_000L;
                listener.install(c);
                RequestContext.install(c);
                metrics.install(c);
                c.appData(io.spyglass.server.audit.AuditLog.KEY, new io.spyglass.server.audit.AuditLog(db, new ClientAddress(config.security().trustedProxies())));
            });
            SecurityHeaders.install(app);
            new HealthRoutes(db, blobs).register(app);
            metrics.register(app);
            new RegistryRoutes(db, hub, blobs, tokens, ctx -> baseUrl(config, ctx)).register(app);
            SignInThrottle throttle = SignInThrottle.fromSystemProperties();
            ClientAddress clients = new ClientAddress(config.security().trustedProxies());
            TokenHandler token = new TokenHandler(hub, tokens, throttle, clients);
            app.get("/token", token::get);
            app.post("/token", token::post);
            analysis = Analysis.start(db, hub, blobs, config.analysis(), metrics.jobs(),
                    new io.spyglass.server.webhook.WebhookAddressPolicy(config.security().allowPrivateWebhooks()));
            metrics.watch(analysis);
            Analysis started = analysis;
            // a manifest just stored may be a tag push: analyse it now rather than at the next poll
            app.after(ctx -> {
                if (ctx.method() == io.javalin.http.HandlerType.PUT && ctx.status().getCode() == 201
                        && ctx.path().contains("/manifests/")) {
                    started.nudge();
                }
            });
            new RepositorySettingsApi(hub, started).register(app);
            new io.spyglass.server.api.SelfServiceApi(hub, started.insight()).register(app);
            new io.spyglass.server.api.AdminApi(hub).register(app);
            new io.spyglass.server.api.PoliciesApi(hub, started.policies()).register(app);
            WebPages.install(app, new WebPages.Options(config.signupOpen(), started::advisoryIndex, started.reports(),
                    started.insight()), db, hub, blobs, throttle, clients);
            app.start(config.port());
            log.info("Spyglass listening on port {} with data in {} ({})", app.port(), config.dataDir().toAbsolutePath(),
                    config.database());
            if (hub.users().count() == 0) {
                log.info("No users yet. Create the first one with:  echo PASSWORD | ./spyglass admin user create NAME --password-stdin"
                        + (config.database().isPostgres() ? " --db-url …" : " --data " + config.dataDir()));
            }
            AdvisoryUpdater updater = AdvisoryUpdater.start(db, started.advisoryStore(), config.advisoryUpdates());
            UploadPurger purger = UploadPurger.start(db, blobs, UploadPurger.MAX_AGE, java.time.Duration.ofHours(1));
            return new SpyglassServer(app, db, hub, blobs, started, updater, purger, metrics);
        } catch (Exception | Error e) {
            // a port in use, a bad blob store: stop the workers that already started, then the pool
            if (analysis != null) analysis.close();
            metrics.close();
            db.close();
            throw e;
        }
    }

    /** The configured external URL, or the one the client used. */
    static String baseUrl(ServerConfig config, Context ctx) {
        if (config.baseUrl() != null) return config.baseUrl();
        String proto = ctx.header("X-Forwarded-Proto");
        String host = ctx.header("X-Forwarded-Host");
        if (host == null) host = ctx.host();
        return (proto != null ? proto : ctx.scheme()) + "://" + host;
    }

    public int port() {
        return app.port();
    }

    public Database database() {
        return db;
    }

    public Hub hub() {
        return hub;
    }

    public BlobStore blobStore() {
        return blobs;
    }

    /** Analysis on this node: reports, settings, counters. */
    public Analysis analysis() {
        return analysis;
    }

    public void stop() {
        app.stop();
        updater.close();
        purger.close();
        analysis.close();
        metrics.close();
        db.close();
        stopped.countDown();
    }

    @Override
    public void close() {
        stop();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }
}
