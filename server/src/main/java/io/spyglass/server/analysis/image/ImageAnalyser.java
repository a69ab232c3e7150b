package io.spyglass.server.analysis.image;

import io.spyglass.server.analysis.TagImages;
import io.spyglass.server.analysis.advisory.AdvisoryState;
import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.analysis.base.BaseImages;
import io.spyglass.server.analysis.report.ReportModel;
import io.spyglass.server.analysis.result.ResultStore;
import io.spyglass.server.analysis.result.StoredFinding;
import io.spyglass.server.webhook.Webhooks;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.source.ImageSourceException;
import io.spyglass.match.Finding;
import io.spyglass.match.MatchKeys;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.JsonSbomFormat;
import io.spyglass.sbom.Sbom;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.blob.BlobStore;
import io.spyglass.server.vex.RepositoryVex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyses one image manifest: its layers are streamed from the blob store through the engine's
 * layer walk into an SBOM, the packages are indexed and matched, and all of it is stored at once.
 */
public final class ImageAnalyser {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImageAnalyser.class);

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final Database db;
    private final BlobStore blobs;
    private final AdvisoryState advisories;
    private final AtomicLong layerReads;
    private final ImagePolicies policies;

    public ImageAnalyser(Database db, BlobStore blobs, AdvisoryState advisories, AtomicLong layerReads, ImagePolicies policies) {
        this.db = db;
        this.policies = policies;
        this.blobs = blobs;
        this.advisories = advisories;
        this.layerReads = layerReads;
    }

    public void analyse(String digest) throws IOException {
        long t0 = System.nanoTime();
        String mediaType = mediaType(digest).orElseThrow(() -> new IllegalArgumentException("no manifest " + digest + " is stored"));
        // checked again at the start: analysis may have been turned off while the job waited
        boolean wanted = db.inTransaction(h -> {
            if (!TagImages.wanted(h, digest)) {
                TagImages.cancel(h, digest);
                return false;
            }
            h.createUpdate("UPDATE image_analyses SET status = 'analysing', updated_at = :now WHERE manifest_digest = :md")
                    .bind("now", Database.now()).bind("md", digest).execute();
            return true;
        });
        if (!wanted) {
            log.info("analysis of {} cancelled: no repository holding it has image insight on", digest);
            return;
        }
        ColdStartWarmUp.realWorkStarted();
        // CPU of this thread (tar walk + catalogers; inflation runs on the read-ahead thread): unlike
        // wall time it shows a cold JIT even on a machine shared with other work
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        BlobImageSource source = new BlobImageSource(blobs, Digest.parse(digest), mediaType, digest, layerReads);
        Image image = source.resolve(null);
        Sbom sbom = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, image);
        refuseUnreadLayers(sbom);
        long t1 = System.nanoTime();
        long walkCpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long size = image.layers().stream().mapToLong(l -> Math.max(0, l.size())).sum();
        AdvisoryState.Snapshot adv = advisories.get();
        List<ResultStore.IndexedPackage> packages = new ArrayList<>();
        List<StoredFinding> findings = new ArrayList<>();
        Matcher matcher = new Matcher(adv.index());
        for (int i = 0; i < sbom.packages().size(); i++) {
            Package p = sbom.packages().get(i);
            List<MatchKeys.Key> keys = MatchKeys.of(p, sbom.distro());
            packages.add(new ResultStore.IndexedPackage(i, p, keys));
            for (Finding f : matcher.match(p, keys)) findings.add(StoredFinding.of(i, f));
        }
        long t2 = System.nanoTime();
        String json = json(sbom);
        long tJson = System.nanoTime();
        List<String> diffIds = image.layers().stream().allMatch(l -> l.diffId() != null)
                ? image.layers().stream().map(l -> l.diffId().toString()).toList() : null;
        db.inTransaction(h -> {
            // the repository may have been deleted while the image was analysed: store nothing then
            if (!ResultStore.tracked(h, digest)) return null;
            ResultStore.saveAnalysis(h, digest, sbom, json, size, packages, dedupe(findings), adv.version());
            if (diffIds != null) BaseImages.detectOwn(h, digest, diffIds);
            policies.evaluate(h, List.of(digest));
            notifyAnalysed(h, digest);
            return null;
        });
        long tSaved = System.nanoTime();
        if (diffIds != null) {
            List<String> based = BaseImages.analysed(db, digest, diffIds);
            if (!based.isEmpty()) policies.evaluateAfterBaseDetection(based);
        }
        long t3 = System.nanoTime();
        log.debug("analysed {}: {} packages, {} findings in {} ms (walk {} ms, walking thread's CPU {} ms, match {} ms, store {} ms: "
                        + "SBOM JSON {} ms, results + policies {} ms, base detection {} ms)", digest,
                packages.size(), findings.size(), (t3 - t0) / 1_000_000, (t1 - t0) / 1_000_000, walkCpu / 1_000_000, (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000, (tJson - t2) / 1_000_000, (tSaved - tJson) / 1_000_000, (t3 - tSaved) / 1_000_000);
    }

    /**
     * A layer that could not be read (not the compression it claims, truncated, a bomb) would leave
     * a report that looks complete but is not: the analysis fails, naming the layer and why.
     */
    private static void refuseUnreadLayers(Sbom sbom) throws ImageSourceException {
        for (io.spyglass.catalog.Unknown u : sbom.unknowns()) {
            if (u.layerFailed()) throw new ImageSourceException(u.layer() + ": " + u.message());
        }
    }

    /**
     * A {@code tag.analysed} webhook for every tag of this image in a repository with analysis on;
     * the counts leave out the findings that repository's VEX statements suppress.
     */
    private static void notifyAnalysed(org.jdbi.v3.core.Handle h, String digest) {
        record Tag(long repositoryId, String repository, String tag, ReportModel.Counts counts) {}
        List<Tag> tags = h.createQuery("SELECT ti.repository_id, r.namespace, r.name, ti.tag, a.critical, a.high, a.medium, a.low, a.other, a.fixable "
                        + "FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                        + "JOIN image_analyses a ON a.manifest_digest = ti.manifest_digest "
                        + "WHERE ti.manifest_digest = :d AND r.image_insight <> 'none'")
                .bind("d", digest)
                .map((rs, ctx) -> new Tag(rs.getLong("repository_id"), rs.getString("namespace") + "/" + rs.getString("name"),
                        rs.getString("tag"), new ReportModel.Counts(rs.getLong("critical"), rs.getLong("high"), rs.getLong("medium"),
                        rs.getLong("low"), rs.getLong("other"), rs.getLong("fixable"))))
                .list();
        for (Tag t : tags) {
            ReportModel.Counts c = t.counts().minus(RepositoryVex.of(h, t.repositoryId()).suppressed(h, digest));
            java.util.Map<String, Object> counts = new java.util.LinkedHashMap<>();
            counts.put("critical", c.critical());
            counts.put("high", c.high());
            counts.put("medium", c.medium());
            counts.put("low", c.low());
            counts.put("other", c.other());
            counts.put("fixable", c.fixable());
            java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("repository", t.repository());
            payload.put("tag", t.tag());
            payload.put("digest", digest);
            payload.put("counts", counts);
            Webhooks.enqueue(h, t.repositoryId(), "tag.analysed", payload);
        }
    }

    /** One finding per (package, vulnerability) even when the package matched under two keys. */
    private static List<StoredFinding> dedupe(List<StoredFinding> findings) {
        java.util.Map<String, StoredFinding> out = new java.util.LinkedHashMap<>();
        for (StoredFinding f : findings) out.putIfAbsent(f.pkg() + " " + f.vulnerabilityId(), f);
        return List.copyOf(out.values());
    }

    private Optional<String> mediaType(String digest) {
        return db.withHandle(h -> h.createQuery("SELECT media_type FROM manifests WHERE digest = :d LIMIT 1")
                .bind("d", digest).mapTo(String.class).findOne());
    }

    private static String json(Sbom sbom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonSbomFormat().write(sbom, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Marks an image failed with the reason shown on its tags. */
    public static void failed(Database db, String digest, String reason) {
        db.withHandle(h -> h.createUpdate("UPDATE image_analyses SET status = 'failed', reason = :reason, updated_at = :now "
                        + "WHERE manifest_digest = :md")
                .bind("reason", reason).bind("now", Database.now()).bind("md", digest).execute());
    }
}
