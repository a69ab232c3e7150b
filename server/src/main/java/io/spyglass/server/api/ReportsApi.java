package io.spyglass.server.api;

import io.javalin.http.Context;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.hub.Caller;
import java.util.Map;

/**
 * The analysis JSON API: {@code GET /api/repositories/{ns}/{name}/tags}, {@code …/tags/{tag}},
 * {@code …/tags/{tag}/history} and {@code GET /api/vulnerabilities/{id}}. Bodies are the records
 * of {@link io.spyglass.server.analysis.ReportModel}, as JSON. A repository the caller may not pull
 * answers 404 like a missing one.
 */
final class ReportsApi {
    private final Analysis analysis;

    ReportsApi(Analysis analysis) {
        this.analysis = analysis;
    }

    /** Handles {@code rest} (the part after the namespace) when it names a report; false otherwise. */
    boolean handle(Context ctx, Caller caller, String namespace, String rest) {
        if (rest.endsWith("/tags")) {
            String name = rest.substring(0, rest.length() - "/tags".length());
            answer(ctx, analysis.reports().tags(caller, namespace, name), "no repository " + namespace + "/" + name);
            return true;
        }
        int at = rest.lastIndexOf("/tags/");
        if (at <= 0) return false;
        String name = rest.substring(0, at);
        String tail = rest.substring(at + "/tags/".length());
        if (tail.endsWith("/history")) {
            String tag = tail.substring(0, tail.length() - "/history".length());
            answer(ctx, analysis.reports().history(caller, namespace, name, tag), "no tag " + namespace + "/" + name + ":" + tag);
            return true;
        }
        if (tail.contains("/")) return false;
        answer(ctx, analysis.reports().tag(caller, namespace, name, tail), "no tag " + namespace + "/" + name + ":" + tail);
        return true;
    }

    void vulnerability(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        answer(ctx, analysis.reports().vulnerability(caller, id), "no vulnerability " + id);
    }

    private static void answer(Context ctx, java.util.Optional<?> value, String missing) {
        if (value.isPresent()) ctx.json(value.get());
        else ctx.status(404).json(Map.of("error", missing));
    }
}
