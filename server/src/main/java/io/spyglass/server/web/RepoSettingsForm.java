package io.spyglass.server.web;

import io.javalin.http.Context;
import io.spyglass.server.analysis.ImageInsight;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.audit.AuditLog;
import io.spyglass.server.vex.VexDocuments;
import io.spyglass.vex.VexException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The Settings tab: visibility, description and image insight, and deleting the repository. Only
 * owners and admins see it or may post it; a bad value gives the form back with the error and
 * changes nothing.
 */
final class RepoSettingsForm {
    private static final Set<String> INSIGHT = Set.of("advanced", "basic", "none");
    static final int MAX_DESCRIPTION = 4000;

    private final Hub hub;
    private final ImageInsight imageInsight;
    private final Templates templates;
    private final Frames frames;
    private final io.spyglass.server.analysis.base.BaseImageReports bases;
    private final VexDocuments vex;

    /** @param imageInsight the analysis part's setting changer (it queues existing tags), or null without analysis */
    RepoSettingsForm(Hub hub, ImageInsight imageInsight, Templates templates, Frames frames) {
        this(hub, imageInsight, templates, frames, null, null);
    }

    /**
     * @param bases the base-image source setting, or null without analysis
     * @param vex   the repositories' VEX documents, or null without analysis
     */
    RepoSettingsForm(Hub hub, ImageInsight imageInsight, Templates templates, Frames frames,
                     io.spyglass.server.analysis.base.BaseImageReports bases, VexDocuments vex) {
        this.hub = hub;
        this.imageInsight = imageInsight;
        this.templates = templates;
        this.frames = frames;
        this.bases = bases;
        this.vex = vex;
    }

    void show(Context ctx, Repository repo, RepoHeader header) {
        requireAdmin(header);
        templates.page(ctx, "repoSettings.jte", view(ctx, repo, header, repo.isPrivate(), repo.description(),
                repo.imageInsight(), null, ctx.queryParam("saved") != null, null,
                vexSection(repo, null, ctx.queryParam("vex") == null ? null : "VEX documents saved.", null)));
    }

    void save(Context ctx, Repository repo, RepoHeader header) {
        requireAdmin(header);
        if ("delete".equals(ctx.formParam("action"))) {
            delete(ctx, repo, header);
            return;
        }
        if ("base-source".equals(ctx.formParam("action")) && bases != null) {
            boolean source = "1".equals(ctx.formParam("base_source"));
            bases.setSource(repo, source);
            io.spyglass.server.audit.AuditLog.record(ctx, Viewers.caller(ctx), "repository.settings", repo.fullName(), true,
                    "baseImageSource " + source);
            ctx.redirect(RepositoryPages.url(repo) + "/-/settings?saved=1");
            return;
        }
        if (vex != null && ctx.formParam("action") != null && ctx.formParam("action").startsWith("vex-")) {
            vex(ctx, repo, header);
            return;
        }
        String visibility = ctx.formParam("visibility");
        String insight = ctx.formParam("image_insight");
        String description = ctx.formParam("description") == null ? "" : ctx.formParam("description").strip();
        boolean isPrivate = "private".equals(visibility);
        String error = null;
        if (!"private".equals(visibility) && !"public".equals(visibility)) {
            error = "Choose whether the repository is public or private.";
        } else if (insight == null || !INSIGHT.contains(insight)) {
            error = "Choose one of the image insight settings: advanced, basic or none.";
        } else if (insight.equals("advanced") && !advancedAllowed(repo)) {
            error = "Advanced image analysis needs the pro, team or business plan; " + repo.namespace()
                    + " is on the " + plan(repo).wire() + " plan.";
        } else if (description.length() > MAX_DESCRIPTION) {
            error = "The description is " + description.length() + " characters long; at most " + MAX_DESCRIPTION + " fit.";
        }
        if (error == null) {
            try {
                if (imageInsight != null) {
                    // checked first, so a refused change leaves every setting as it was
                    imageInsight.check(Viewers.caller(ctx), repo, insight);
                }
                Repository saved = hub.repositories().update(repo, isPrivate, description, insight);
                if (imageInsight != null) {
                    imageInsight.change(Viewers.caller(ctx), saved, insight); // queues the tags already there
                }
                io.spyglass.server.audit.AuditLog.record(ctx, Viewers.caller(ctx), "repository.settings", repo.fullName(), true,
                        "private " + isPrivate + ", description (" + (description == null ? 0 : description.length()) + " characters)" + (insight == null ? "" : ", imageInsight " + insight));
                ctx.redirect(RepositoryPages.url(repo) + "/-/settings?saved=1");
                return;
            } catch (ImageInsight.Refused e) {
                error = e.getMessage();
            } catch (HubException e) {
                if (e.kind() != HubException.Kind.INVALID) {
                    throw e;
                }
                error = e.getMessage();
            }
        }
        ctx.status(400);
        render(ctx, repo, header, isPrivate, description, insight == null ? repo.imageInsight() : insight, error, false);
    }

    /** Deletes the repository once its full name was typed into the confirmation field. */
    private void delete(Context ctx, Repository repo, RepoHeader header) {
        String typed = ctx.formParam("confirm") == null ? "" : ctx.formParam("confirm").strip();
        if (!typed.equals(repo.fullName())) {
            ctx.status(400);
            String error = typed.isEmpty() ? "Type " + repo.fullName() + " to confirm that the repository should be deleted."
                    : "You typed '" + typed + "', not " + repo.fullName() + "; nothing was deleted.";
            templates.page(ctx, "repoSettings.jte", view(ctx, repo, header, repo.isPrivate(), repo.description(),
                    repo.imageInsight(), null, false, error, vexSection(repo, null, null, null)));
            return;
        }
        var gone = hub.repositories().delete(repo);
        io.spyglass.server.audit.AuditLog.record(ctx, Viewers.caller(ctx), "repository.delete", gone.fullName(), true, gone.tags() + " tags, " + gone.manifests() + " manifests");
        ctx.redirect(header.namespaceUrl());
    }

    private void render(Context ctx, Repository repo, RepoHeader header, boolean isPrivate, String description,
                        String insight, String error, boolean saved) {
        templates.page(ctx, "repoSettings.jte", view(ctx, repo, header, isPrivate, description, insight, error, saved, null,
                vexSection(repo, null, null, null)));
    }

    private RepoSettingsView view(Context ctx, Repository repo, RepoHeader header, boolean isPrivate, String description,
                                  String insight, String error, boolean saved, String deleteError, VexSettings vexSettings) {
        return new RepoSettingsView(frames.of(ctx, "Settings · " + repo.fullName()), header, isPrivate, description, insight,
                advancedAllowed(repo), plan(repo).wire(), error, saved, deleteError, bases == null ? null : bases.isSource(repo), vexSettings);
    }

    /**
     * Uploads (pasted OpenVEX JSON) or removes a VEX document. A refused document gives the page
     * back with the reason and the text as it was posted; nothing stored changes.
     */
    private void vex(Context ctx, Repository repo, RepoHeader header) {
        String action = ctx.formParam("action");
        String error;
        String draft = null;
        if ("vex-upload".equals(action)) {
            draft = ctx.formParam("vex_document") == null ? "" : ctx.formParam("vex_document");
            try {
                VexDocuments.Change c = vex.upload(repo.id(), draft.getBytes(StandardCharsets.UTF_8), Viewers.caller(ctx).name().orElse(null));
                AuditLog.record(ctx, Viewers.caller(ctx), "vex.upload", repo.fullName(), true, c.document().documentId() + ": "
                        + c.findingsChanged() + " findings changed in " + c.images() + " images");
                ctx.redirect(RepositoryPages.url(repo) + "/-/settings?vex=1#vex-heading");
                return;
            } catch (VexException e) {
                error = "The VEX document was refused: " + e.getMessage();
                AuditLog.record(ctx, Viewers.caller(ctx), "vex.upload", repo.fullName(), false, "refused: " + e.getMessage());
            }
        } else if ("vex-delete".equals(action)) {
            long id;
            try {
                id = Long.parseLong(String.valueOf(ctx.formParam("vex_id")));
            } catch (NumberFormatException e) {
                id = -1;
            }
            Optional<VexDocuments.Change> gone = vex.delete(repo.id(), id);
            if (gone.isPresent()) {
                AuditLog.record(ctx, Viewers.caller(ctx), "vex.delete", repo.fullName(), true, gone.get().document().documentId()
                        + ": " + gone.get().findingsChanged() + " findings changed in " + gone.get().images() + " images");
                ctx.redirect(RepositoryPages.url(repo) + "/-/settings?vex=1#vex-heading");
                return;
            }
            error = "That VEX document is not in " + repo.fullName() + " (removed meanwhile?); nothing was removed.";
        } else {
            error = "Unknown VEX action.";
        }
        ctx.status(400);
        templates.page(ctx, "repoSettings.jte", view(ctx, repo, header, repo.isPrivate(), repo.description(),
                repo.imageInsight(), null, false, null, vexSection(repo, error, null, draft)));
    }

    private VexSettings vexSection(Repository repo, String error, String saved, String draft) {
        if (vex == null) return VexSettings.NONE;
        return new VexSettings(true, vex.list(repo.id()).stream().map(VexSettings::row).toList(), error, saved, draft);
    }

    private static void requireAdmin(RepoHeader header) {
        if (!header.canAdminister()) {
            throw PageException.forbidden("Only owners and admins of " + header.namespace()
                    + " can see and change this repository's settings.");
        }
    }

    /** A personal namespace has no plan of its own: it counts as free. */
    private Plan plan(Repository repo) {
        return hub.organizations().find(repo.namespace()).map(Organization::plan).orElse(Plan.FREE);
    }

    private boolean advancedAllowed(Repository repo) {
        return plan(repo) != Plan.FREE;
    }
}
