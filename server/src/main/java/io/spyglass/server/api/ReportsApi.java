package io.spyglass.server.api;

import io.javalin.http.Context;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.analysis.report.Comparison;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.TagReport;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.ops.RequestIds;
import java.util.List;
import io.spyglass.server.analysis.policy.TagPolicies;
import java.util.Optional;

/**
 * The analysis JSON API: {@code GET /api/repositories/{ns}/{name}/tags}, {@code …/tags/{tag}},
 * {@code …/tags/{tag}/history}, {@code …/tags/{tag}/sbom}, {@code …/tags/{tag}/attestations} ({@link AttestationsApi}), {@code …/compare?from=&to=} and {@code GET /api/vulnerabilities/{id}}. Bodies are the records
 * of {@link io.spyglass.server.analysis.report.ReportModel}, as JSON. A repository the caller may not pull
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
        if (rest.endsWith("/compare")) {
            compare(ctx, caller, namespace, rest.substring(0, rest.length() - "/compare".length()));
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
        if (tail.endsWith("/attestations")) {
            new AttestationsApi(analysis).answer(ctx, caller, namespace, name, tail.substring(0, tail.length() - "/attestations".length()));
            return true;
        }
        if (tail.endsWith("/sbom")) {
            sbom(ctx, caller, namespace, name, tail.substring(0, tail.length() - "/sbom".length()));
            return true;
        }
        if (tail.contains("/")) return false;
        // the verdicts before the report: re-evaluation moves a summary before its verdicts, so read in this
        // order the answer never pairs a newer verdict with an older summary
        Optional<TagPolicies> verdicts = analysis.reports().visible(caller, namespace, name)
                .map(repo -> analysis.policies() == null ? TagPolicies.NONE : analysis.policies().tag(repo, tail));
        answer(ctx, verdicts.flatMap(v -> analysis.reports().tag(caller, namespace, name, tail).map(r -> PoliciesApi.withPolicies(
                        (com.fasterxml.jackson.databind.node.ObjectNode) analysis.reports().bases().json(caller, r), v))),
                "no tag " + namespace + "/" + name + ":" + tail);
        return true;
    }

    /**
     * {@code …/tags/{tag}/sbom[?digest=sha256:…]}: the stored SBOM (Spyglass json) of one image of the
     * tag; the digest may be left out when the tag has one image. 404 when the caller may not pull
     * the repository, analysis is off, or the image is not analysed (yet).
     */
    private void sbom(Context ctx, Caller caller, String namespace, String name, String tag) {
        String missing = "no SBOM stored for " + namespace + "/" + name + ":" + tag;
        Optional<Repository> repo = analysis.reports().visible(caller, namespace, name);
        Optional<TagReport> report = analysis.reports().tag(caller, namespace, name, tag);
        if (repo.isEmpty() || report.isEmpty()) {
            answer(ctx, Optional.empty(), missing);
            return;
        }
        String digest = ctx.queryParam("digest");
        if (digest == null) {
            List<ImageReport> images = report.get().images();
            if (images.size() > 1) {
                ctx.status(400).json(RequestIds.apiError(ctx, namespace + "/" + name + ":" + tag + " has " + images.size()
                        + " images; name one with ?digest="));
                return;
            }
            digest = images.isEmpty() ? "" : images.get(0).digest();
        }
        Optional<String> stored = analysis.reports().sbom(repo.get(), tag, digest);
        if (stored.isEmpty()) answer(ctx, stored, missing);
        else ctx.contentType("application/json").result(stored.get());
    }

    /**
     * {@code …/compare?from=TAG&to=TAG[&platform=os/arch]}: the two tags compared as {@code spyglass compare} does
     * ({@link io.spyglass.server.analysis.report.Comparison}); 404 for a missing tag or a repository the caller may
     * not pull, 409 while a tag has no report.
     */
    private void compare(Context ctx, Caller caller, String namespace, String name) {
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            ctx.status(400).json(RequestIds.apiError(ctx, "name the two tags to compare: ?from=TAG&to=TAG"));
            return;
        }
        try {
            answer(ctx, analysis.reports().compare(caller, namespace, name, from, to, ctx.queryParam("platform")),
                    "no tags " + from + " and " + to + " in " + namespace + "/" + name);
        } catch (Comparison.NotReady e) {
            ctx.status(409).json(RequestIds.apiError(ctx, e.getMessage()));
        }
    }

    void vulnerability(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        answer(ctx, analysis.reports().vulnerability(caller, id), "no vulnerability " + id);
    }

    private static void answer(Context ctx, Optional<?> value, String missing) {
        if (value.isPresent()) ctx.json(value.get());
        else ctx.status(404).json(RequestIds.apiError(ctx, missing));
    }
}
