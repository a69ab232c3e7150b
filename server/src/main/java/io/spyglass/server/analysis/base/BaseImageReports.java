package io.spyglass.server.analysis.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.server.analysis.base.BaseImageModel.BaseImage;
import io.spyglass.server.analysis.base.BaseImageModel.ImageBase;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.PackageInfo;
import io.spyglass.server.analysis.report.ReportModel.TagReport;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.Database;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * An image's base and recommendations as a viewer may see them: a base in a repository the viewer
 * may not pull is not shown at all (not even that there is one). Also splits an image's packages
 * into those from the base (added by one of the base's layers) and those added on top.
 */
public final class BaseImageReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Hub hub;

    public BaseImageReports(Database db, Hub hub) {
        this.db = db;
        this.hub = hub;
    }

    public Optional<ImageBase> of(Caller caller, String manifestDigest) {
        Optional<BaseImages.Stored> stored = db.withHandle(h -> BaseImages.stored(h, manifestDigest));
        if (stored.isEmpty()) return Optional.empty();
        BaseImages.Stored s = stored.get();
        Optional<Repository> repo = hub.repositories().findById(s.repositoryId()).filter(r -> hub.permissions().canPull(caller, r));
        if (repo.isEmpty()) return Optional.empty();
        return db.withHandle(h -> {
            String platform = platform(h, s.digest());
            String name = repo.get().namespace() + "/" + repo.get().name();
            BaseImage base = new BaseImage(name, s.tag(), s.digest(), s.detectedBy(), s.layers(), platform);
            return Optional.of(new ImageBase(base, Recommendations.of(h, s, name, platform)));
        });
    }

    /**
     * The image's base and recommendations as namespace {@code namespace} sees them, on the caller's
     * handle (for its policies): a base in a private repository of another namespace is none.
     */
    public static Optional<ImageBase> inNamespace(Handle h, String manifestDigest, String namespace) {
        Optional<BaseImages.Stored> stored = BaseImages.stored(h, manifestDigest);
        if (stored.isEmpty()) return Optional.empty();
        BaseImages.Stored s = stored.get();
        Optional<String> name = h.createQuery("SELECT namespace, name FROM repositories WHERE id = :id AND (private = :no OR namespace = :ns)")
                .bind("id", s.repositoryId()).bind("no", false).bind("ns", namespace)
                .map((rs, ctx) -> rs.getString("namespace") + "/" + rs.getString("name")).findOne();
        if (name.isEmpty()) return Optional.empty();
        String platform = platform(h, s.digest());
        BaseImage base = new BaseImage(name.get(), s.tag(), s.digest(), s.detectedBy(), s.layers(), platform);
        return Optional.of(new ImageBase(base, Recommendations.of(h, s, name.get(), platform)));
    }

    private static String platform(Handle h, String digest) {
        return h.createQuery("SELECT COALESCE(a.platform, (SELECT MIN(ti.platform) FROM tag_images ti "
                        + "WHERE ti.manifest_digest = a.manifest_digest)) FROM image_analyses a WHERE a.manifest_digest = :md")
                .bind("md", digest).mapTo(String.class).findOne().orElse(null);
    }

    /** Whether the repository is marked as a source of base images. */
    public boolean isSource(Repository repo) {
        return db.withHandle(h -> BaseImages.isSource(h, repo.id()));
    }

    /** Marks or unmarks it (the caller has checked the right to change settings); see {@link BaseImages#setSource}. */
    public void setSource(Repository repo, boolean source) {
        BaseImages.setSource(db, repo.id(), source);
    }

    /** The digests of the image's layers that come from its base (the first {@code layers} of them). */
    public static Set<String> baseLayers(ImageReport image, BaseImage base) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < Math.min(base.layers(), image.layers().size()); i++) out.add(image.layers().get(i).digest());
        return out;
    }

    /** Whether a package came with the base: the layer that added it is one of the base's. */
    public static boolean fromBase(PackageInfo p, Set<String> baseLayers) {
        return !p.layers().isEmpty() && baseLayers.contains(p.layers().get(0));
    }

    /**
     * The tag report as JSON with, for each image, {@code baseImage} and {@code recommendations}
     * (null and [] when there is none) and each package's {@code fromBase}; the tag's first image's
     * base and recommendations are repeated at the top (a single-image tag's own).
     */
    public JsonNode json(Caller caller, TagReport report) {
        ObjectNode tree = JSON.valueToTree(report);
        JsonNode images = tree.path("images");
        for (int i = 0; i < report.images().size(); i++) {
            ImageReport image = report.images().get(i);
            ObjectNode node = (ObjectNode) images.get(i);
            Optional<ImageBase> base = "done".equals(image.status()) ? of(caller, image.digest()) : Optional.empty();
            node.set("baseImage", base.map(b -> (JsonNode) JSON.valueToTree(b.baseImage())).orElse(null));
            node.set("recommendations", JSON.valueToTree(base.map(ImageBase::recommendations).orElse(List.of())));
            Set<String> layers = base.map(b -> baseLayers(image, b.baseImage())).orElse(Set.of());
            JsonNode packages = node.path("packages");
            for (int p = 0; p < image.packages().size(); p++) {
                ((ObjectNode) packages.get(p)).put("fromBase", fromBase(image.packages().get(p), layers));
            }
            if (i == 0) {
                tree.set("baseImage", node.get("baseImage"));
                tree.set("recommendations", node.get("recommendations"));
            }
        }
        if (report.images().isEmpty()) {
            tree.putNull("baseImage");
            tree.putArray("recommendations");
        }
        return tree;
    }
}
