package io.spyglass.server.vex;

import io.spyglass.server.analysis.report.ReportModel.Counts;
import io.spyglass.server.analysis.report.ReportModel.VexNote;
import io.spyglass.server.analysis.result.StoredFinding;
import io.spyglass.vex.OpenVexReader;
import io.spyglass.vex.VexDocument;
import io.spyglass.vex.VexStatements;
import io.spyglass.vex.VexVerdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The VEX statements in force in one repository, applied to stored findings. A finding is known by
 * its vulnerability id and the advisory ids stored with it (a GHSA id when a CVE is the finding's
 * id, and the reverse), and its package by the stored purl; nothing here reads a layer.
 */
public final class RepositoryVex {
    private static final RepositoryVex NONE = new RepositoryVex(List.of());

    private final List<VexDocument> documents;
    private final VexStatements statements;

    RepositoryVex(List<VexDocument> documents) {
        this.documents = List.copyOf(documents);
        this.statements = new VexStatements(documents);
    }

    /** The documents in force in this repository (uploaded, and pushed as artifacts still present). */
    public static RepositoryVex of(Handle h, long repositoryId) {
        List<StoredVex> stored = VexStore.inForce(h, repositoryId);
        if (stored.isEmpty()) return NONE;
        List<VexDocument> docs = new ArrayList<>();
        // stored only after OpenVexReader accepted them, so reading them again cannot fail short of a hand-edited row
        for (StoredVex s : stored) docs.add(OpenVexReader.read(s.body().getBytes(StandardCharsets.UTF_8)));
        return new RepositoryVex(docs);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    List<VexDocument> documents() {
        return documents;
    }

    /** The deciding statement for a stored finding of image {@code digest}, or null. */
    public VexVerdict verdict(String digest, String vulnerabilityId, String advisoryIds, String purl) {
        if (statements.isEmpty()) return null;
        Set<String> ids = new LinkedHashSet<>();
        ids.add(vulnerabilityId);
        if (advisoryIds != null) {
            for (String a : advisoryIds.split(StoredFinding.SEPARATOR)) if (!a.isBlank()) ids.add(a.trim());
        }
        return statements.verdict(ids, purl, digest);
    }

    /** What the pages and the API show beside a finding, or null when no statement decides it. */
    public VexNote note(String digest, String vulnerabilityId, String advisoryIds, String purl) {
        return note(verdict(digest, vulnerabilityId, advisoryIds, purl));
    }

    static VexNote note(VexVerdict v) {
        if (v == null) return null;
        return new VexNote(v.status().id(), v.suppresses(), v.statement().justification(), v.statement().impactStatement(),
                v.statement().actionStatement(), v.describe(), v.author(), v.timestamp() == null ? null : v.timestamp().toEpochMilli(), v.documentId());
    }

    /** A vulnerability in a package (by name) that no statement suppresses. */
    public record Open(String vulnerabilityId, String packageName) {}

    /** The findings of image {@code digest} that no statement suppresses. */
    public Set<Open> unsuppressed(Handle h, String digest) {
        Set<Open> open = new HashSet<>();
        for (Row r : rows(h, digest)) {
            VexVerdict v = verdict(digest, r.vulnerabilityId(), r.advisoryIds(), r.purl());
            if (v == null || !v.suppresses()) open.add(new Open(r.vulnerabilityId(), r.packageName()));
        }
        return open;
    }

    /** The findings of image {@code digest} that a statement suppresses, counted as the summaries count them. */
    public Counts suppressed(Handle h, String digest) {
        if (statements.isEmpty()) return Counts.ZERO;
        long[] n = new long[6];
        for (Row r : rows(h, digest)) {
            VexVerdict v = verdict(digest, r.vulnerabilityId(), r.advisoryIds(), r.purl());
            if (v == null || !v.suppresses()) continue;
            n[switch (r.severity()) {
                case "critical" -> 0;
                case "high" -> 1;
                case "medium" -> 2;
                case "low" -> 3;
                default -> 4;
            }]++;
            if (r.fixedVersion() != null) n[5]++;
        }
        return new Counts(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    /** A stored finding with what VEX matches it by, and its package as history names it. */
    record Row(String vulnerabilityId, String advisoryIds, String severity, String fixedVersion, String purl,
               String packageName, String packageVersion) {}

    static List<Row> rows(Handle h, String digest) {
        return h.createQuery("SELECT f.vulnerability_id, f.advisory_id, f.severity, f.fixed_version, p.purl, p.name, p.version "
                        + "FROM findings f JOIN image_packages p ON p.manifest_digest = f.manifest_digest AND p.pkg = f.pkg "
                        + "WHERE f.manifest_digest = :md ORDER BY f.vulnerability_id, p.pkg")
                .bind("md", digest)
                .map((rs, ctx) -> new Row(rs.getString("vulnerability_id"), rs.getString("advisory_id"), rs.getString("severity"),
                        rs.getString("fixed_version"), rs.getString("purl"), rs.getString("name"), rs.getString("version")))
                .list();
    }
}
