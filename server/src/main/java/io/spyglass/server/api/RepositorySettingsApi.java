package io.spyglass.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.analysis.ImageInsight;
import io.spyglass.server.auth.BasicCredentials;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.DeletedRepository;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.ops.RequestIds;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET/PATCH /api/repositories/{namespace}/{name}}: a repository's settings (description,
 * visibility, image insight), {@code PUT …/settings} for image insight alone, and {@code DELETE}. Anyone who may
 * pull reads them; only owners and admins change them; {@code advanced} needs a paid plan (409).
 * A repository the caller may not see answers 404, exactly like a missing one. GETs under
 * {@code …/tags} go to the analysis reports ({@link ReportsApi}).
 */
public final class RepositorySettingsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Hub hub;
    private final Analysis analysis;
    private final ReportsApi reports;
    private final VexApi vex;

    public RepositorySettingsApi(Hub hub, Analysis analysis) {
        this.hub = hub;
        this.analysis = analysis;
        this.reports = new ReportsApi(analysis);
        this.vex = new VexApi(hub, analysis.reports().vex());
    }

    public void register(Javalin app) {
        app.get("/api/repositories/{namespace}/<name>", this::get);
        app.patch("/api/repositories/{namespace}/<name>", this::patch);
        app.put("/api/repositories/{namespace}/<name>", this::put);
        app.post("/api/repositories/{namespace}/<name>", this::post);
        app.delete("/api/repositories/{namespace}/<name>", this::delete);
        app.get("/api/vulnerabilities/{id}", ctx -> {
            Caller caller = caller(ctx);
            if (caller != null) reports.vulnerability(ctx, caller);
        });
    }

    private void get(Context ctx) {
        Caller caller = caller(ctx);
        if (caller == null) return;
        if (reports.handle(ctx, caller, ctx.pathParam("namespace"), ctx.pathParam("name"))) return;
        String rest = ctx.pathParam("name");
        if (rest.endsWith("/vex")) {
            visible(ctx, caller, rest.substring(0, rest.length() - "/vex".length())).ifPresent(repo -> vex.list(ctx, repo));
            return;
        }
        if (rest.endsWith("/webhooks")) {
            visible(ctx, caller, rest.substring(0, rest.length() - "/webhooks".length())).ifPresent(repo -> {
                try {
                    ctx.json(analysis.webhooks().list(caller, repo));
                } catch (ImageInsight.Refused e) {
                    error(ctx, e.status(), e.getMessage());
                }
            });
            return;
        }
        visible(ctx, caller, ctx.pathParam("name")).ifPresent(repo -> ctx.json(view(repo)));
    }

    /** {@code PUT …/{name}/settings {"imageInsight": "advanced|basic|none"}}. */
    private void put(Context ctx) {
        Caller caller = caller(ctx);
        if (caller == null) return;
        String rest = ctx.pathParam("name");
        if (!rest.endsWith("/settings")) {
            error(ctx, 405, "PUT is only for …/settings");
            return;
        }
        Optional<Repository> repo = visible(ctx, caller, rest.substring(0, rest.length() - "/settings".length()));
        if (repo.isEmpty()) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        if (body.has("baseImageSource") && !body.has("imageInsight")) {
            baseImageSource(ctx, caller, repo.get(), body.get("baseImageSource"));
            return;
        }
        if (!body.hasNonNull("imageInsight")) {
            error(ctx, 400, "the body must be {\"imageInsight\": \"advanced|basic|none\"} or {\"baseImageSource\": true|false}");
            return;
        }
        changeInsight(ctx, caller, repo.get(), body.get("imageInsight").asText());
    }

    /** {@code POST …/{name}/webhooks {"url": …, "secret": …}}: owners and admins add a webhook; {@code POST …/vex}: see {@link VexApi}. */
    private void post(Context ctx) throws IOException {
        Caller caller = caller(ctx);
        if (caller == null) return;
        String rest = ctx.pathParam("name");
        if (rest.endsWith("/vex")) {
            Optional<Repository> repo = visible(ctx, caller, rest.substring(0, rest.length() - "/vex".length()));
            if (repo.isPresent()) vex.upload(ctx, caller, repo.get());
            return;
        }
        if (!rest.endsWith("/webhooks")) {
            error(ctx, 405, "POST is only for …/webhooks");
            return;
        }
        Optional<Repository> repo = visible(ctx, caller, rest.substring(0, rest.length() - "/webhooks".length()));
        if (repo.isEmpty()) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        try {
            ctx.status(201).json(analysis.webhooks().create(caller, repo.get(), body.path("url").asText(null), body.path("secret").asText(null)));
            AuditLog.record(ctx, caller, "webhook.save", fullName(repo.get()), true, "to host " + host(body.path("url").asText(null)));
        } catch (ImageInsight.Refused e) {
            error(ctx, e.status(), e.getMessage());
        }
    }

    /** {@code PUT …/settings {"baseImageSource": true|false}}: owners and admins mark a source of base images. */
    private void baseImageSource(Context ctx, Caller caller, Repository repo, JsonNode value) {
        if (!hub.permissions().canChangeSettings(caller, repo)) {
            error(ctx, 403, hub.permissions().settingsRefusal(caller, repo, "change repository settings"));
            AuditLog.record(ctx, caller, "repository.settings", fullName(repo), false, "not allowed");
            return;
        }
        if (value == null || !value.isBoolean()) {
            error(ctx, 400, "baseImageSource must be true or false");
            return;
        }
        analysis.reports().bases().setSource(repo, value.asBoolean());
        ctx.json(view(repo));
        AuditLog.record(ctx, caller, "repository.settings", fullName(repo), true, "baseImageSource " + value.asBoolean());
    }

    private void changeInsight(Context ctx, Caller caller, Repository repo, String value) {
        try {
            ctx.json(view(analysis.insight().change(caller, repo, value)));
            AuditLog.record(ctx, caller, "repository.settings", fullName(repo), true, "imageInsight " + value);
        } catch (ImageInsight.Refused e) {
            error(ctx, e.status(), e.getMessage());
        }
    }

    private JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            error(ctx, 400, "the body is not JSON: " + io.spyglass.catalog.ParseProblem.describe(e));
            return null;
        }
        if (body == null || !body.isObject()) {
            error(ctx, 400, "the body must be a JSON object");
            return null;
        }
        return body;
    }

    private void patch(Context ctx) throws IOException {
        Caller caller = caller(ctx);
        if (caller == null) return;
        Optional<Repository> repo = visible(ctx, caller, ctx.pathParam("name"));
        if (repo.isEmpty()) return;
        if (!hub.permissions().canChangeSettings(caller, repo.get())) {
            error(ctx, 403, hub.permissions().settingsRefusal(caller, repo.get(), "change repository settings"));
            AuditLog.record(ctx, caller, "repository.settings", fullName(repo.get()), false, "not allowed");
            return;
        }
        JsonNode body = body(ctx);
        if (body == null) return;
        try {
            RepositoryPatch change = RepositoryPatch.of(body);
            if (change.imageInsight() != null) analysis.insight().check(caller, repo.get(), change.imageInsight());
            Repository updated = hub.repositories().update(repo.get(), change.isPrivate(), change.description(), null);
            if (change.imageInsight() != null) updated = analysis.insight().change(caller, updated, change.imageInsight());
            ctx.json(view(updated));
            AuditLog.record(ctx, caller, "repository.settings", fullName(updated), true, RepositoryPatch.describe(change));
        } catch (ImageInsight.Refused e) {
            error(ctx, e.status(), e.getMessage());
        } catch (HubException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    /**
     * {@code DELETE …/{name}}: owners and admins delete the repository with its tags, analyses and
     * webhooks (blob bytes stay for garbage collection); 200 with what went.
     */
    private void delete(Context ctx) {
        Caller caller = caller(ctx);
        if (caller == null) return;
        java.util.regex.Matcher vexDocument = java.util.regex.Pattern.compile("(.+)/vex/([^/]+)").matcher(ctx.pathParam("name"));
        if (vexDocument.matches()) {
            visible(ctx, caller, vexDocument.group(1)).ifPresent(repo -> vex.delete(ctx, caller, repo, vexDocument.group(2)));
            return;
        }
        Optional<Repository> repo = visible(ctx, caller, ctx.pathParam("name"));
        if (repo.isEmpty()) return;
        if (!hub.permissions().canChangeSettings(caller, repo.get())) {
            error(ctx, 403, hub.permissions().settingsRefusal(caller, repo.get(), "delete repositories"));
            AuditLog.record(ctx, caller, "repository.delete", fullName(repo.get()), false, "not allowed");
            return;
        }
        try {
            DeletedRepository gone = hub.repositories().delete(repo.get());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deleted", gone.fullName());
            m.put("tags", gone.tags());
            m.put("manifests", gone.manifests());
            m.put("imagesForgotten", gone.imagesForgotten());
            m.put("imagesShared", gone.imagesShared());
            m.put("webhooks", gone.webhooks());
            ctx.json(m);
            AuditLog.record(ctx, caller, "repository.delete", gone.fullName(), true, gone.tags() + " tags, " + gone.manifests() + " manifests");
        } catch (HubException e) {
            error(ctx, 404, e.getMessage()); // deleted by someone else meanwhile
        }
    }

    private Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) return Caller.ANONYMOUS;
        Optional<Caller> c = BasicCredentials.fromHeader(header).flatMap(b -> b.authenticate(hub));
        if (c.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"spyglass\"");
            error(ctx, 401, "incorrect username, password or token");
            return null;
        }
        return c.get();
    }

    private Optional<Repository> visible(Context ctx, Caller caller, String name) {
        String ns = ctx.pathParam("namespace");
        Optional<Repository> repo = hub.repositories().find(ns, name).filter(r -> hub.permissions().canPull(caller, r));
        if (repo.isEmpty()) error(ctx, 404, "no repository " + ns + "/" + name);
        return repo;
    }

    private Map<String, Object> view(Repository r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", r.namespace());
        m.put("name", r.name());
        m.put("private", r.isPrivate());
        m.put("description", r.description());
        m.put("imageInsight", r.imageInsight());
        m.put("baseImageSource", analysis.reports().bases().isSource(r));
        return m;
    }

    private static String fullName(Repository r) {
        return r.namespace() + "/" + r.name();
    }

    /** The webhook's host only: a URL may carry a token in its path or query. */
    private static String host(String url) {
        try {
            return java.net.URI.create(url).getHost();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(RequestIds.apiError(ctx, message));
    }
}
