package io.spyglass.server.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Vulnerability;
import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.analysis.policy.PolicyHistory;
import io.spyglass.server.analysis.report.ReportModel.Counts;
import io.spyglass.server.analysis.report.ReportModel.FindingInfo;
import io.spyglass.server.analysis.report.ReportModel.ImageReport;
import io.spyglass.server.analysis.report.ReportModel.LayerInfo;
import io.spyglass.server.analysis.report.ReportModel.PackageInfo;
import io.spyglass.server.analysis.report.ReportModel.RepositoryTags;
import io.spyglass.server.analysis.report.ReportModel.TagReport;
import io.spyglass.server.analysis.report.ReportModel.TagSummary;
import io.spyglass.server.analysis.report.ReportModel.VulnerabilityReport;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.Database;
import io.spyglass.server.vex.RepositoryVex;
import io.spyglass.server.vex.VexDocuments;
import io.spyglass.server.vex.VexHistory;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * What the pages and the JSON API show: tag summaries, a tag's report, a vulnerability's affected
 * images, a tag's history. Every answer is filtered by what the caller may pull; a repository the
 * caller may not pull is empty, exactly like a missing one, and is never counted.
 */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ORDER = List.of("failed", "analysing", "queued", "done");

    private final Database db;
    private final Hub hub;

    private final AffectedImages affected;
    private final TagComparisons comparisons;
    private final RepositoryTrends trends;
    private final ImagePolicies policies;
    private final io.spyglass.server.analysis.base.BaseImageReports bases;
    private final VexDocuments vex;

    public Reports(Database db, Hub hub, Supplier<AdvisoryIndex> index, ImagePolicies policies) {
        this.db = db;
        this.hub = hub;
        this.affected = new AffectedImages(db, index);
        this.comparisons = new TagComparisons(db, index);
        this.trends = new RepositoryTrends(db);
        this.policies = policies;
        this.bases = new io.spyglass.server.analysis.base.BaseImageReports(db, hub);
        this.vex = new VexDocuments(db);
    }

    /**
     * Tag {@code from} compared with tag {@code to} (see {@link TagComparisons}); empty when the caller may not pull the
     * repository or either tag is missing.
     *
     * @throws Comparison.NotReady when a tag has no stored report to compare
     */
    public Optional<Comparison> compare(Caller caller, String namespace, String name, String from, String to, String platform) {
        return visible(caller, namespace, name).flatMap(repo -> comparisons.compare(repo, from, to, platform));
    }

    /** The vulnerabilities by severity over time of the images tagged in {@code repo}, for a page that checked the viewer may pull it. */
    public SeverityTrend trend(Repository repo) {
        return trends.of(repo);
    }

    /** The policy verdicts and settings; read them only for a repository the caller may pull. */
    public ImagePolicies policies() {
        return policies;
    }

    /** Base images and recommendations. */
    public io.spyglass.server.analysis.base.BaseImageReports bases() {
        return bases;
    }

    /** The repositories' VEX documents (uploaded and pushed), which these reports apply. */
    public VexDocuments vex() {
        return vex;
    }

    /** The repository, if the caller may pull it. */
    public Optional<Repository> visible(Caller caller, String namespace, String name) {
        return hub.repositories().find(namespace, name).filter(r -> hub.permissions().canPull(caller, r));
    }

    public Optional<RepositoryTags> tags(Caller caller, String namespace, String name) {
        return visible(caller, namespace, name).map(repo -> db.withHandle(h -> {
            List<String[]> tags = h.createQuery("SELECT name, digest FROM tags WHERE repository_id = :repo ORDER BY updated_at DESC, name")
                    .bind("repo", repo.id()).map((rs, ctx) -> new String[] {rs.getString("name"), rs.getString("digest")}).list();
            List<TagSummary> out = new ArrayList<>();
            for (String[] t : tags) out.add(summary(h, repo, t[0], t[1]));
            return new RepositoryTags(repo.namespace(), repo.name(), repo.isPrivate(), repo.imageInsight(), out);
        }));
    }

    public Optional<TagReport> tag(Caller caller, String namespace, String name, String tag) {
        return visible(caller, namespace, name).flatMap(repo -> db.withHandle(h -> {
            Optional<String> digest = h.createQuery("SELECT digest FROM tags WHERE repository_id = :repo AND name = :tag")
                    .bind("repo", repo.id()).bind("tag", tag).mapTo(String.class).findOne();
            if (digest.isEmpty()) return Optional.empty();
            RepositoryVex vex = RepositoryVex.of(h, repo.id());
            TagSummary summary = summary(h, repo, tag, digest.get(), vex);
            List<ImageReport> images = new ArrayList<>();
            if (!summary.status().equals("off")) {
                for (String md : imageDigests(h, repo.id(), tag)) images.add(image(h, md, vex));
            }
            return Optional.of(new TagReport(repo.namespace(), repo.name(), summary, images));
        }));
    }

    /**
     * The summaries of a repository's tags, newest push first, for a page that has already checked
     * the viewer may pull {@code repo}.
     */
    public List<TagSummary> summaries(Repository repo) {
        return db.withHandle(h -> {
            List<String[]> tags = h.createQuery("SELECT name, digest FROM tags WHERE repository_id = :repo ORDER BY updated_at DESC, name")
                    .bind("repo", repo.id()).map((rs, ctx) -> new String[] {rs.getString("name"), rs.getString("digest")}).list();
            List<TagSummary> out = new ArrayList<>();
            for (String[] t : tags) out.add(summary(h, repo, t[0], t[1]));
            return out;
        });
    }

    /** One tag's summary, for a page that has already checked the viewer may pull {@code repo}. */
    public TagSummary summary(Repository repo, String tag, String digest) {
        return db.withHandle(h -> summary(h, repo, tag, digest));
    }

    /**
     * The images a vulnerability (by any of its ids) affects, as tags of repositories the caller may
     * pull, with analysis on; empty when the id is unknown. See {@link AffectedImages}.
     */
    public Optional<VulnerabilityReport> vulnerability(Caller caller, String id) {
        return affected.of(caller, id);
    }

    /** Stored packages whose name contains {@code text}, in tags the caller may pull. See {@link AffectedImages}. */
    public List<ReportModel.PackageHit> packages(Caller caller, String text, int limit) {
        return affected.packages(caller, text, limit);
    }

    /** The vulnerability known by this id or alias, in whichever case it was typed. */
    public static Optional<Vulnerability> find(AdvisoryIndex index, String id) {
        return AffectedImages.find(index, id);
    }

    /** A tag's history, newest first: findings added to or removed from its images, and why. */
    public Optional<List<ReportModel.HistoryEntry>> history(Caller caller, String namespace, String name, String tag) {
        return visible(caller, namespace, name).filter(r -> !r.imageInsight().equals("none")).flatMap(repo -> db.withHandle(h -> {
            boolean exists = h.createQuery("SELECT COUNT(*) FROM tags WHERE repository_id = :repo AND name = :tag")
                    .bind("repo", repo.id()).bind("tag", tag).mapTo(Long.class).one() > 0;
            if (!exists) return Optional.empty();
            List<ReportModel.HistoryEntry> entries = new ArrayList<>(h.createQuery("SELECT fh.* FROM finding_history fh JOIN tag_images ti "
                            + "ON ti.manifest_digest = fh.manifest_digest WHERE ti.repository_id = :repo AND ti.tag = :tag "
                            + "ORDER BY fh.created_at DESC, fh.id DESC")
                    .bind("repo", repo.id()).bind("tag", tag)
                    .map((rs, ctx) -> new ReportModel.HistoryEntry(rs.getLong("created_at"), rs.getString("manifest_digest"),
                            rs.getString("vulnerability_id"), rs.getString("package_name"), rs.getString("package_version"),
                            rs.getString("change"), rs.getString("reason"), rs.getString("advisory_id")))
                    .list());
            entries.addAll(PolicyHistory.entries(h, repo.id(), repo.namespace(), tag));
            entries.addAll(VexHistory.of(h, repo.id(), tag));
            // newest first; stable, so each source keeps its own order within one millisecond
            entries.sort(java.util.Comparator.comparingLong(ReportModel.HistoryEntry::at).reversed());
            return Optional.of(entries);
        }));
    }

    private static List<String> imageDigests(Handle h, long repoId, String tag) {
        return h.createQuery("SELECT manifest_digest FROM tag_images WHERE repository_id = :repo AND tag = :tag ORDER BY platform, manifest_digest")
                .bind("repo", repoId).bind("tag", tag).mapTo(String.class).list();
    }

    private TagSummary summary(Handle h, Repository repo, String tag, String digest) {
        return summary(h, repo, tag, digest, RepositoryVex.of(h, repo.id()));
    }

    /** The counts leave out the findings the repository's VEX statements suppress (they stay listed, marked). */
    private TagSummary summary(Handle h, Repository repo, String tag, String digest, RepositoryVex vex) {
        if (repo.imageInsight().equals("none")) return off(repo, tag, digest);
        List<Row> rows = h.createQuery("SELECT a.*, ti.platform AS tag_platform, NULL AS sbom FROM tag_images ti "
                        + "JOIN image_analyses a ON a.manifest_digest = ti.manifest_digest "
                        + "WHERE ti.repository_id = :repo AND ti.tag = :tag")
                .bind("repo", repo.id()).bind("tag", tag).map(Reports::row).list();
        if (rows.isEmpty()) return off(repo, tag, digest);
        String status = "done";
        String reason = null;
        Counts counts = Counts.ZERO;
        Long analysed = null, evaluated = null;
        String version = null;
        List<String> platforms = new ArrayList<>();
        for (Row r : rows) {
            if (ORDER.indexOf(r.status) < ORDER.indexOf(status)) status = r.status;
            if (r.reason != null && reason == null) reason = r.reason;
            counts = counts.plus(r.status.equals("done") ? r.counts.minus(vex.suppressed(h, r.digest)) : r.counts);
            if (r.analysedAt != null) analysed = analysed == null ? r.analysedAt : Math.max(analysed, r.analysedAt);
            if (r.evaluatedAt != null) evaluated = evaluated == null ? r.evaluatedAt : Math.min(evaluated, r.evaluatedAt);
            if (r.dataVersion != null) version = r.dataVersion;
            if (r.platform != null) platforms.add(r.platform);
        }
        return new TagSummary(tag, digest, repo.imageInsight(), status, reason, status.equals("done") ? counts : null,
                analysed, evaluated, version, platforms);
    }

    private static TagSummary off(Repository repo, String tag, String digest) {
        return new TagSummary(tag, digest, repo.imageInsight(), "off", null, null, null, null, null, List.of());
    }

    private record Row(String digest, String status, String reason, String platform, Long size, Counts counts,
                       Long analysedAt, Long evaluatedAt, String dataVersion, String sbom) {}

    private static Row row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        String platform = rs.getString("platform");
        if (platform == null) platform = rs.getString("tag_platform");
        return new Row(rs.getString("manifest_digest"), rs.getString("status"), rs.getString("reason"), platform,
                nullableLong(rs, "size"),
                new Counts(rs.getLong("critical"), rs.getLong("high"), rs.getLong("medium"), rs.getLong("low"),
                        rs.getLong("other"), rs.getLong("fixable")),
                nullableLong(rs, "analysed_at"), nullableLong(rs, "evaluated_at"),
                rs.getString("data_version"), rs.getString("sbom"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private ImageReport image(Handle h, String digest, RepositoryVex vex) {
        Row r = h.createQuery("SELECT a.*, NULL AS tag_platform, s.sbom FROM image_analyses a "
                        + "LEFT JOIN image_sboms s ON s.manifest_digest = a.manifest_digest WHERE a.manifest_digest = :md")
                .bind("md", digest).map(Reports::row).one();
        if (!r.status.equals("done")) {
            return new ImageReport(digest, r.platform, r.size, r.status, r.reason, null, null, null, null, List.of(), List.of(), List.of());
        }
        JsonNode sbom = tree(r.sbom, "stored SBOM");
        return new ImageReport(digest, r.platform, r.size, r.status, r.reason, r.counts.minus(vex.suppressed(h, digest)),
                r.analysedAt, r.evaluatedAt, r.dataVersion, layers(sbom), packages(h, digest, sbom.path("packages"), vex), unknowns(sbom));
    }

    private static List<ReportModel.UnreadFile> unknowns(JsonNode sbom) {
        List<ReportModel.UnreadFile> out = new ArrayList<>();
        for (JsonNode u : sbom.path("unknowns")) {
            out.add(new ReportModel.UnreadFile(u.path("path").asText(""), u.path("layer").asText(""), u.path("message").asText("")));
        }
        return out;
    }

    /**
     * The stored SBOM (Spyglass json) of one image of a tag, for a page that has already checked the
     * viewer may pull {@code repo}. Empty when analysis is off, or the image is not (yet) analysed.
     */
    public Optional<String> sbom(Repository repo, String tag, String manifestDigest) {
        if (repo.imageInsight().equals("none")) return Optional.empty();
        return db.withHandle(h -> h.createQuery("SELECT s.sbom FROM tag_images ti JOIN image_analyses a "
                        + "ON a.manifest_digest = ti.manifest_digest JOIN image_sboms s ON s.manifest_digest = a.manifest_digest "
                        + "WHERE ti.repository_id = :repo AND ti.tag = :tag AND ti.manifest_digest = :md AND a.status = 'done'")
                .bind("repo", repo.id()).bind("tag", tag).bind("md", manifestDigest).mapTo(String.class).findOne());
    }

    private static JsonNode tree(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not JSON", e);
        }
    }

    private static List<LayerInfo> layers(JsonNode sbom) {
        List<LayerInfo> out = new ArrayList<>();
        for (JsonNode l : sbom.path("image").path("layers")) {
            out.add(new LayerInfo(l.path("digest").asText(), l.path("size").asLong(),
                    l.hasNonNull("createdBy") ? l.get("createdBy").asText() : null));
        }
        return out;
    }

    /** Packages by their row in the SBOM ({@code pkg}), which also holds each one's licences. */
    private static List<PackageInfo> packages(Handle h, String digest, JsonNode sbomPackages, RepositoryVex vex) {
        Map<Long, List<FindingInfo>> findings = new HashMap<>();
        h.createQuery("SELECT f.*, p.purl AS package_purl FROM findings f LEFT JOIN image_packages p "
                        + "ON p.manifest_digest = f.manifest_digest AND p.pkg = f.pkg WHERE f.manifest_digest = :md "
                        + "ORDER BY f.vulnerability_id").bind("md", digest)
                .map((rs, ctx) -> {
                    ReportModel.VexNote note = vex.note(digest, rs.getString("vulnerability_id"), rs.getString("advisory_id"),
                            rs.getString("package_purl"));
                    findings.computeIfAbsent(rs.getLong("pkg"), x -> new ArrayList<>()).add(new FindingInfo(
                            rs.getString("vulnerability_id"), rs.getString("advisory_id"), rs.getString("source"),
                            rs.getString("namespace"), rs.getString("severity"), rs.getString("cvss"),
                            rs.getString("fixed_version"), rs.getString("affected_range"), rs.getLong("uncertain") != 0,
                            note != null && note.suppresses(), note));
                    return 0;
                }).list();
        Map<Long, PackageInfo> out = new LinkedHashMap<>();
        h.createQuery("SELECT * FROM image_packages WHERE manifest_digest = :md ORDER BY pkg").bind("md", digest)
                .map((rs, ctx) -> {
                    long pkg = rs.getLong("pkg");
                    JsonNode locations = tree(rs.getString("locations"), "stored locations");
                    List<String> licenses = new ArrayList<>();
                    sbomPackages.path((int) pkg).path("licenses").forEach(l -> licenses.add(l.asText()));
                    out.put(pkg, new PackageInfo(rs.getString("type"), rs.getString("name"), rs.getString("version"),
                            rs.getString("purl"), field(locations, "path"), field(locations, "layer"), licenses,
                            findings.getOrDefault(pkg, List.of())));
                    return 0;
                }).list();
        return List.copyOf(out.values());
    }

    private static List<String> field(JsonNode locations, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : locations) out.add(l.path(name).asText(""));
        return out;
    }
}
