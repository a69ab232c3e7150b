package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.api.AuditFilters;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code /admin/audit}: the audit log as a table with the API's filters; site admins only, 404 for others. */
final class AuditPages {
    private final Hub hub;
    private final Templates templates;
    private final Frames frames;

    AuditPages(Hub hub, Templates templates, Frames frames) {
        this.hub = hub;
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.get("/admin/audit", this::show);
    }

    private void show(Context ctx) {
        if (!hub.permissions().isSiteAdmin(Viewers.caller(ctx))) throw PageException.notFound();
        List<AuditView.Row> rows = List.of();
        String older = null;
        String error = null;
        try {
            AuditLog.Filter filter = AuditFilters.of(ctx);
            List<AuditLog.Event> events = AuditLog.of(ctx).orElseThrow().query(filter);
            rows = events.stream().map(e -> new AuditView.Row(e.at().toString(), e.actor() == null ? "anonymous" : e.actor(),
                    orDash(e.address()), e.action(), orDash(e.target()), e.success() ? "success" : "failure", orDash(e.details()))).toList();
            if (events.size() == filter.limit()) older = olderHref(ctx, events.get(events.size() - 1).id());
        } catch (HubException e) {
            ctx.status(400);
            error = CreationPages.sentence(e.getMessage());
        }
        templates.page(ctx, "audit.jte", new AuditView(frames.of(ctx, "Audit log"), param(ctx, "actor"), param(ctx, "action"),
                param(ctx, "since"), param(ctx, "until"), rows, older, error));
    }

    /** The same filters, one page further back. */
    private static String olderHref(Context ctx, long oldestId) {
        StringBuilder href = new StringBuilder("/admin/audit?before=" + oldestId);
        for (String name : List.of("actor", "action", "since", "until", "limit")) {
            String v = ctx.queryParam(name);
            if (v != null && !v.isBlank()) href.append('&').append(name).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        return href.toString();
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "–" : s;
    }
}
