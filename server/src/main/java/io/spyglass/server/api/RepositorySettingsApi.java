package io.spyglass.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.auth.BasicCredentials;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Repository;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET/PATCH /api/repositories/{namespace}/{name}}: a repository's settings (description,
 * visibility, image insight). Anyone who may pull reads them; only owners and admins change them.
 * A repository the caller may not see answers 404, exactly like a missing one.
 */
public final class RepositorySettingsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Hub hub;

    public RepositorySettingsApi(Hub hub) {
        this.hub = hub;
    }

    public void register(Javalin app) {
        app.get("/api/repositories/{namespace}/<name>", this::get);
        app.patch("/api/repositories/{namespace}/<name>", this::patch);
    }

    private void get(Context ctx) {
        Caller caller = caller(ctx);
        if (caller == null) return;
        visible(ctx, caller).ifPresent(repo -> ctx.json(view(repo)));
    }

    private void patch(Context ctx) throws IOException {
        Caller caller = caller(ctx);
        if (caller == null) return;
        Optional<Repository> repo = visible(ctx, caller);
        if (repo.isEmpty()) return;
        if (!hub.permissions().canChangeSettings(caller, repo.get())) {
            error(ctx, 403, "only owners and admins of '" + repo.get().namespace() + "' change repository settings");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            error(ctx, 400, "the body is not JSON: " + e.getMessage());
            return;
        }
        if (body == null || !body.isObject()) {
            error(ctx, 400, "the body must be a JSON object with description, private and/or imageInsight");
            return;
        }
        try {
            Boolean isPrivate = body.has("private") ? body.get("private").asBoolean() : null;
            String description = body.has("description") ? body.get("description").asText() : null;
            String insight = body.has("imageInsight") ? body.get("imageInsight").asText() : null;
            ctx.json(view(hub.repositories().update(repo.get(), isPrivate, description, insight)));
        } catch (HubException e) {
            error(ctx, 400, e.getMessage());
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

    private Optional<Repository> visible(Context ctx, Caller caller) {
        String ns = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        Optional<Repository> repo = hub.repositories().find(ns, name).filter(r -> hub.permissions().canPull(caller, r));
        if (repo.isEmpty()) error(ctx, 404, "no repository " + ns + "/" + name);
        return repo;
    }

    private static Map<String, Object> view(Repository r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", r.namespace());
        m.put("name", r.name());
        m.put("private", r.isPrivate());
        m.put("description", r.description());
        m.put("imageInsight", r.imageInsight());
        return m;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
