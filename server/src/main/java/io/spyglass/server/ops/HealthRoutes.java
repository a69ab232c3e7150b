package io.spyglass.server.ops;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.blob.BlobStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /healthz}: 200 while the process serves at all (a liveness probe: restart me if not).
 * {@code GET /readyz}: 200 when the database, the blob store and the schema are usable, else 503
 * naming what failed (a readiness probe: send me no traffic until then). Both open: they name
 * components, nothing stored.
 */
public final class HealthRoutes {
    private final Readiness readiness;

    public HealthRoutes(Database db, BlobStore blobs) {
        this.readiness = new Readiness(db, blobs);
    }

    public void register(Javalin app) {
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "up")));
        app.get("/readyz", this::ready);
    }

    private void ready(Context ctx) throws InterruptedException {
        Readiness.Report report = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "ready" : "not ready");
        if (!report.ready()) body.put("failed", report.failed());
        body.put("checks", report.checks());
        ctx.header("Cache-Control", "no-store");
        ctx.status(report.ready() ? 200 : 503).json(body);
    }
}
