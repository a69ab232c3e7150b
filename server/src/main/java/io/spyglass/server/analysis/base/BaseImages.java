package io.spyglass.server.analysis.base;

import io.spyglass.baseimage.BaseCandidate;
import io.spyglass.server.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Detects and stores each image's base: the known image (a tag of a repository here) whose whole
 * layer chain is the longest prefix of this image's chain, an image of a base-image source
 * repository first (see {@link BaseCandidate#PREFERRED}). Run when an image's analysis is stored,
 * for that image and for every stored image that extends it (a base pushed after its children);
 * a base named by a provenance attestation ({@link #fromProvenance}) is kept over one from layers.
 *
 * <p>Only repositories a viewer of the image could see are candidates: public ones, or ones in the
 * namespace of the repository the image was pushed to; pages check again when they show it.
 */
public final class BaseImages {
    public static final String LAYERS = "layers";
    public static final String PROVENANCE = "provenance";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BaseImages.class);

    private BaseImages() {}

    /** One image's stored base. {@code layers} is 0 when not known from layers. */
    public record Stored(String manifestDigest, long repositoryId, String tag, String digest, int layers, String detectedBy) {}

    /**
     * After an image's analysis is stored: records its chain and detects bases for it and for the
     * images it may be the base of. Its own transaction: a failure here is logged and leaves the
     * stored analysis as it is (the image then shows no base until it is analysed again). Returns
     * the images whose base (or its recommendations) may have changed, for their policies; none
     * after a failure.
     */
    public static List<String> analysed(Database db, String manifestDigest, List<String> diffIds) {
        try {
            return db.inTransactionRetrying("base image detection for " + manifestDigest, h -> {
                LayerChains.record(h, manifestDigest, diffIds);
                detect(h, manifestDigest);
                List<String> touched = new ArrayList<>(List.of(manifestDigest));
                for (String child : LayerChains.extending(h, manifestDigest)) {
                    detect(h, child);
                    touched.add(child);
                }
                touched.addAll(basedOnRepositoriesOf(h, manifestDigest));
                return touched.stream().distinct().toList();
            });
        } catch (RuntimeException e) {
            log.warn("base image detection for {} failed: {}", manifestDigest, e.toString());
            return List.of();
        }
    }

    /**
     * The images whose base is in a repository holding {@code manifestDigest}: a new image there
     * (a refresh, a newer tag) may make their base outdated, which their policies say.
     */
    private static List<String> basedOnRepositoriesOf(Handle h, String manifestDigest) {
        return h.createQuery("SELECT DISTINCT b.manifest_digest FROM image_bases b WHERE b.base_repository_id IN "
                        + "(SELECT ti.repository_id FROM tag_images ti WHERE ti.manifest_digest = :md) ORDER BY b.manifest_digest")
                .bind("md", manifestDigest).mapTo(String.class).list();
    }

    /**
     * In the transaction that stores an image's analysis, before its policies are evaluated: records
     * its chain and detects its own base, so the first verdicts already know it. Under a savepoint:
     * a failure is logged and undone without failing the analysis; {@link #analysed} runs after.
     */
    public static void detectOwn(Handle h, String manifestDigest, List<String> diffIds) {
        h.savepoint("base_detection");
        try {
            LayerChains.record(h, manifestDigest, diffIds);
            detect(h, manifestDigest);
            h.releaseSavepoint("base_detection");
        } catch (RuntimeException e) {
            h.rollbackToSavepoint("base_detection");
            log.warn("base image detection for {} with its analysis failed: {}", manifestDigest, e.toString());
        }
    }

    /** Detects the base of one image from layers again (a no-op for a provenance-named base). */
    public static void detect(Handle h, String manifestDigest) {
        Optional<Stored> now = stored(h, manifestDigest);
        if (now.isPresent() && now.get().detectedBy().equals(PROVENANCE)) {
            // named before the image's chain was recorded (attestations read first): count its layers now
            Stored p = now.get();
            if (p.layers() == 0) save(h, new Stored(manifestDigest, p.repositoryId(), p.tag(), p.digest(), layers(h, manifestDigest, p.digest()), PROVENANCE));
            return;
        }
        Optional<Found> best = best(h, manifestDigest);
        if (best.isEmpty()) {
            h.createUpdate("DELETE FROM image_bases WHERE manifest_digest = :md").bind("md", manifestDigest).execute();
            return;
        }
        Found f = best.get();
        save(h, new Stored(manifestDigest, f.repositoryId(), f.candidate().tag(), f.candidate().manifestDigest(),
                f.candidate().layers(), LAYERS));
    }

    /**
     * For a provenance attestation that names the image's base ({@code repository} as NS/NAME in this
     * registry, its tag and image digest): stores it as detected by provenance, replacing a base
     * found from layers. The layer count is taken from the chains when the named image's whole
     * chain is a prefix of this one's, else 0 (no split into base and top). False, and nothing
     * stored, when no such repository is here.
     */
    public static boolean fromProvenance(Handle h, String manifestDigest, String repository, String tag, String baseDigest) {
        int slash = repository.indexOf('/');
        if (slash < 0) return false;
        Optional<Long> repoId = h.createQuery("SELECT id FROM repositories WHERE namespace = :ns AND name = :name")
                .bind("ns", repository.substring(0, slash)).bind("name", repository.substring(slash + 1)).mapTo(Long.class).findOne();
        if (repoId.isEmpty()) return false;
        save(h, new Stored(manifestDigest, repoId.get(), tag, baseDigest, layers(h, manifestDigest, baseDigest), PROVENANCE));
        return true;
    }

    /** How many of the image's layers the base makes: its whole chain when that is a prefix of the image's, else 0. */
    private static int layers(Handle h, String manifestDigest, String baseDigest) {
        List<String> mine = LayerChains.of(h, manifestDigest), theirs = LayerChains.of(h, baseDigest);
        return !theirs.isEmpty() && theirs.size() < mine.size() && mine.get(theirs.size() - 1).equals(theirs.get(theirs.size() - 1))
                ? theirs.size() : 0;
    }

    /** Whether detection has run for the image (its layer chain is recorded, or provenance named its base). */
    public static boolean detectionRan(Handle h, String manifestDigest) {
        return !LayerChains.of(h, manifestDigest).isEmpty() || stored(h, manifestDigest).isPresent();
    }

    public static Optional<Stored> stored(Handle h, String manifestDigest) {
        return h.createQuery("SELECT * FROM image_bases WHERE manifest_digest = :md").bind("md", manifestDigest)
                .map((rs, ctx) -> new Stored(manifestDigest, rs.getLong("base_repository_id"), rs.getString("base_tag"),
                        rs.getString("base_digest"), rs.getInt("layer_count"), rs.getString("detected_by")))
                .findOne();
    }

    /** Whether an owner marked the repository as a source of base images. */
    public static boolean isSource(Handle h, long repositoryId) {
        return h.createQuery("SELECT COUNT(*) FROM base_image_sources WHERE repository_id = :r").bind("r", repositoryId)
                .mapTo(Long.class).one() > 0;
    }

    /**
     * Marks or unmarks a base-image source; the images that extend one of its images are detected
     * again, since the preference for sources may change their base.
     */
    public static void setSource(Database db, long repositoryId, boolean source) {
        db.inTransactionRetrying("base image source setting", h -> {
            h.createUpdate("DELETE FROM base_image_sources WHERE repository_id = :r").bind("r", repositoryId).execute();
            if (source) {
                h.createUpdate("INSERT INTO base_image_sources (repository_id, created_at) VALUES (:r, :now)")
                        .bind("r", repositoryId).bind("now", Database.now()).execute();
            }
            List<String> images = h.createQuery("SELECT DISTINCT manifest_digest FROM tag_images WHERE repository_id = :r ORDER BY manifest_digest")
                    .bind("r", repositoryId).mapTo(String.class).list();
            for (String image : images) {
                for (String child : LayerChains.extending(h, image)) detect(h, child);
            }
            return null;
        });
    }

    private record Found(BaseCandidate candidate, long repositoryId) {}

    private static Optional<Found> best(Handle h, String manifestDigest) {
        List<String> keys = LayerChains.of(h, manifestDigest);
        if (keys.size() < 2) return Optional.empty(); // a one-layer image is its own base
        String namespace = h.createQuery("SELECT r.namespace FROM image_analyses a JOIN repositories r ON r.id = a.repository_id "
                        + "WHERE a.manifest_digest = :md")
                .bind("md", manifestDigest).mapTo(String.class).findOne().orElse("");
        Map<BaseCandidate, Long> repos = new HashMap<>();
        List<BaseCandidate> candidates = h.createQuery("SELECT c.manifest_digest, c.length, ti.repository_id, r.namespace, r.name, "
                        + "ti.tag, ti.pushed_at, s.repository_id AS source "
                        + "FROM image_layer_chains c JOIN tag_images ti ON ti.manifest_digest = c.manifest_digest "
                        + "JOIN repositories r ON r.id = ti.repository_id "
                        + "JOIN image_analyses a ON a.manifest_digest = c.manifest_digest AND a.status = 'done' "
                        + "LEFT JOIN base_image_sources s ON s.repository_id = ti.repository_id "
                        + "WHERE c.whole = :yes AND c.prefix_key IN (<keys>) AND c.manifest_digest <> :md "
                        + "AND (r.private = :no OR r.namespace = :ns)")
                .bindList("keys", keys.subList(0, keys.size() - 1)).bind("yes", true).bind("no", false)
                .bind("md", manifestDigest).bind("ns", namespace)
                .map((rs, ctx) -> {
                    rs.getLong("source");
                    boolean source = !rs.wasNull();
                    BaseCandidate c = new BaseCandidate(rs.getString("manifest_digest"), rs.getString("namespace") + "/" + rs.getString("name"),
                            rs.getString("tag"), rs.getInt("length"), source, rs.getLong("pushed_at"));
                    repos.put(c, rs.getLong("repository_id"));
                    return c;
                })
                .list();
        return BaseCandidate.best(candidates).map(c -> new Found(c, repos.get(c)));
    }

    private static void save(Handle h, Stored s) {
        h.createUpdate("DELETE FROM image_bases WHERE manifest_digest = :md").bind("md", s.manifestDigest()).execute();
        h.createUpdate("INSERT INTO image_bases (manifest_digest, base_repository_id, base_tag, base_digest, layer_count, detected_by, detected_at) "
                        + "VALUES (:md, :repo, :tag, :digest, :layers, :by, :now)")
                .bind("md", s.manifestDigest()).bind("repo", s.repositoryId()).bind("tag", s.tag()).bind("digest", s.digest())
                .bind("layers", s.layers()).bind("by", s.detectedBy()).bind("now", Database.now()).execute();
    }
}
