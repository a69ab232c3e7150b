package io.spyglass.server.api;

import io.javalin.http.Context;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.ops.RequestIds;
import io.spyglass.server.vex.StoredVex;
import io.spyglass.server.vex.VexDocuments;
import io.spyglass.vex.VexException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code …/repositories/{namespace}/{name}/vex}: a repository's VEX documents. GET lists those in
 * force (uploaded and pushed as artifacts) for anyone who may pull; POST (the OpenVEX JSON as the
 * body) and {@code DELETE …/vex/{id}} are for owners and admins, and are audit-logged. A document
 * that is not OpenVEX is refused with 400 and the reason; nothing stored changes.
 */
final class VexApi {
    private final Hub hub;
    private final VexDocuments vex;

    VexApi(Hub hub, VexDocuments vex) {
        this.hub = hub;
        this.vex = vex;
    }

    void list(Context ctx, Repository repo) {
        ctx.json(Map.of("documents", vex.list(repo.id()).stream().map(VexApi::view).toList()));
    }

    void upload(Context ctx, Caller caller, Repository repo) throws IOException {
        if (!allowed(ctx, caller, repo, "vex.upload", "upload VEX documents")) return;
        byte[] body = ctx.bodyInputStream().readNBytes(VexDocuments.MAX_DOCUMENT + 1);
        try {
            VexDocuments.Change change = vex.upload(repo.id(), body, caller.name().orElse(null));
            ctx.status(201).json(changeView(change));
            AuditLog.record(ctx, caller, "vex.upload", repo.fullName(), true, describe(change));
        } catch (VexException e) {
            error(ctx, 400, "not a usable OpenVEX document: " + e.getMessage());
            AuditLog.record(ctx, caller, "vex.upload", repo.fullName(), false, "refused: " + e.getMessage());
        }
    }

    void delete(Context ctx, Caller caller, Repository repo, String id) {
        if (!allowed(ctx, caller, repo, "vex.delete", "delete VEX documents")) return;
        Optional<VexDocuments.Change> gone;
        try {
            gone = vex.delete(repo.id(), Long.parseLong(id));
        } catch (NumberFormatException e) {
            gone = Optional.empty();
        }
        if (gone.isEmpty()) {
            error(ctx, 404, "no uploaded VEX document " + id + " in " + repo.fullName());
            return;
        }
        ctx.json(changeView(gone.get()));
        AuditLog.record(ctx, caller, "vex.delete", repo.fullName(), true, describe(gone.get()));
    }

    private boolean allowed(Context ctx, Caller caller, Repository repo, String action, String what) {
        if (hub.permissions().canChangeSettings(caller, repo)) return true;
        error(ctx, 403, hub.permissions().settingsRefusal(caller, repo, what));
        AuditLog.record(ctx, caller, action, repo.fullName(), false, "not allowed");
        return false;
    }

    private static String describe(VexDocuments.Change c) {
        return c.document().documentId() + " (" + c.document().statements() + " statements): " + c.findingsChanged()
                + " findings changed in " + c.images() + " images";
    }

    private static Map<String, Object> changeView(VexDocuments.Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("document", view(c.document()));
        m.put("imagesReevaluated", c.images());
        m.put("findingsChanged", c.findingsChanged());
        return m;
    }

    static Map<String, Object> view(StoredVex d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("documentId", d.documentId());
        m.put("author", d.author());
        m.put("timestamp", d.statedAt() == null ? null : java.time.Instant.ofEpochMilli(d.statedAt()).toString());
        m.put("statements", d.statements());
        m.put("source", d.source());
        if (d.referrer() != null) m.put("referrer", d.referrer());
        m.put("addedBy", d.addedBy());
        m.put("addedAt", java.time.Instant.ofEpochMilli(d.addedAt()).toString());
        return m;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(RequestIds.apiError(ctx, message));
    }
}
