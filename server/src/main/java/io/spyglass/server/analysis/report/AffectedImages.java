package io.spyglass.server.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Vulnerability;
import io.spyglass.server.analysis.report.ReportModel.AffectedImage;
import io.spyglass.server.analysis.report.ReportModel.PackageHit;
import io.spyglass.server.analysis.report.ReportModel.VulnerabilityReport;
import io.spyglass.server.hub.Action;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Permissions;
import io.spyglass.server.store.Database;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The images a vulnerability affects, by any of its ids. Findings are stored under the id the
 * correlation gave when they were matched (the CVE, or the advisory's own id when it has none), so
 * the query asks for every alias and record id, through the findings_vulnerability index. The
 * pull rule is part of the SQL: rows of a repository the caller cannot pull are never read, so
 * nothing of it can reach a count or a page.
 */
public final class AffectedImages {
    private static final int MAX_ROWS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Supplier<AdvisoryIndex> index;

    AffectedImages(Database db, Supplier<AdvisoryIndex> index) {
        this.db = db;
        this.index = index;
    }

    /**
     * The vulnerability known by this id or alias. Ids are matched as typed, then in their usual
     * case (CVE-… upper-case; GHSA-… with a lower-case body), so a pasted id works either way.
     */
    static Optional<Vulnerability> find(AdvisoryIndex index, String id) {
        String upper = id.toUpperCase(Locale.ROOT);
        String ghsa = upper.startsWith("GHSA-") ? "GHSA-" + id.substring(5).toLowerCase(Locale.ROOT) : upper;
        return Stream.of(id, upper, ghsa).distinct().map(index::vulnerability).flatMap(Optional::stream).findFirst();
    }

    /**
     * Tags of repositories the caller may pull, with analysis on, whose images have the
     * vulnerability; empty when the id is neither in the advisory data nor in any such image.
     */
    Optional<VulnerabilityReport> of(Caller caller, String id) {
        Optional<Vulnerability> known = find(index.get(), id);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(id);
        known.ifPresent(v -> {
            ids.add(v.id());
            ids.addAll(v.aliases());
            v.records().stream().map(Advisory::id).forEach(ids::add);
        });
        boolean mayPull = caller.tokenScope() == null || caller.tokenScope().allows().contains(Action.PULL);
        List<AffectedImage> images = mayPull ? query(caller, List.copyOf(ids)) : List.of();
        if (known.isEmpty() && images.isEmpty()) return Optional.empty();
        return Optional.of(new VulnerabilityReport(known.map(Vulnerability::id).orElse(id), images));
    }

    /**
     * Stored packages whose name contains {@code text} (any case), in tags of repositories the caller
     * may pull with analysis on; at most {@code limit}, by package name, then repository and tag.
     */
    List<PackageHit> packages(Caller caller, String text, int limit) {
        boolean mayPull = caller.tokenScope() == null || caller.tokenScope().allows().contains(Action.PULL);
        if (!mayPull || text.isBlank()) return List.of();
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.withHandle(h -> Permissions.bindPullable(h.createQuery(
                        "SELECT r.namespace, r.name AS repo_name, ti.tag, ti.manifest_digest, p.type, p.name AS pkg_name, p.version, p.locations, "
                        + "(SELECT COUNT(*) FROM findings f WHERE f.manifest_digest = p.manifest_digest AND f.pkg = p.pkg) AS findings "
                        + "FROM image_packages p JOIN tag_images ti ON ti.manifest_digest = p.manifest_digest "
                        + "JOIN repositories r ON r.id = ti.repository_id "
                        + "WHERE LOWER(p.name) LIKE :pattern ESCAPE '\\' AND r.image_insight <> 'none' AND " + Permissions.PULLABLE_SQL
                        + " ORDER BY p.name, p.version, r.namespace, r.name, ti.tag LIMIT :limit"), caller)
                .bind("pattern", pattern).bind("limit", limit)
                .map((rs, ctx) -> new PackageHit(rs.getString("namespace"), rs.getString("repo_name"), rs.getString("tag"),
                        rs.getString("manifest_digest"), rs.getString("type"), rs.getString("pkg_name"), rs.getString("version"),
                        firstPath(rs.getString("locations")), rs.getLong("findings")))
                .list());
    }

    /** The first path of a stored package's locations ({@code [{"path":…,"layer":…}]}), or null. */
    private static String firstPath(String locations) {
        try {
            JsonNode first = JSON.readTree(locations).path(0);
            return first.hasNonNull("path") ? first.get("path").asText() : null;
        } catch (IOException e) {
            throw new IllegalStateException("stored locations are not JSON", e);
        }
    }

    private List<AffectedImage> query(Caller caller, List<String> ids) {
        List<AffectedImage> rows = db.withHandle(h -> Permissions.bindPullable(h.createQuery(
                        "SELECT r.namespace, r.name AS repo_name, ti.tag, ti.manifest_digest, ti.platform, p.pkg, p.name AS pkg_name, "
                        + "p.version, p.locations, f.severity, f.fixed_version FROM findings f "
                        + "JOIN image_packages p ON p.manifest_digest = f.manifest_digest AND p.pkg = f.pkg "
                        + "JOIN tag_images ti ON ti.manifest_digest = f.manifest_digest "
                        + "JOIN repositories r ON r.id = ti.repository_id "
                        + "WHERE f.vulnerability_id IN (<ids>) AND r.image_insight <> 'none' "
                        + "AND " + Permissions.PULLABLE_SQL
                        + " ORDER BY r.namespace, r.name, ti.tag, ti.platform, p.name, p.version LIMIT :max"), caller)
                .bindList("ids", ids).bind("max", MAX_ROWS)
                .map((rs, ctx) -> new AffectedImage(rs.getString("namespace"), rs.getString("repo_name"), rs.getString("tag"),
                        rs.getString("manifest_digest"), rs.getString("platform"), rs.getString("pkg_name"),
                        rs.getString("version"), firstPath(rs.getString("locations")), rs.getString("severity"),
                        rs.getString("fixed_version")))
                .list());
        // one package may hold findings under two of the ids (matched before and after a CVE alias appeared)
        Map<List<String>, AffectedImage> distinct = new LinkedHashMap<>();
        for (AffectedImage a : rows) {
            distinct.putIfAbsent(List.of(a.namespace(), a.name(), a.tag(), a.digest(), a.packageName(),
                    String.valueOf(a.packageVersion()), String.valueOf(a.path())), a);
        }
        return new ArrayList<>(distinct.values());
    }
}
