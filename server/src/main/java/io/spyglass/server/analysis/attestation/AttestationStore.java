package io.spyglass.server.analysis.attestation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.attestation.Attestation;
import io.spyglass.attestation.Provenance;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.server.store.Database;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Tables attestations and attested_packages. Reads are scoped to a repository: a statement is
 * visible there only when that repository holds its attestation manifest.
 */
final class AttestationStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    AttestationStore(Database db) {
        this.db = db;
    }

    /** One statement as stored: what it says, or why it could not be read. */
    record Statement(String layerDigest, String subjectDigest, String predicateType, String reason, Provenance provenance,
                     List<Package> sbomPackages) {
        Statement {
            sbomPackages = sbomPackages == null ? null : List.copyOf(sbomPackages);
        }

        static Statement read(String layer, String subject, Attestation a) {
            if (a instanceof Attestation.ProvenanceAttestation p) return new Statement(layer, subject, a.predicateType(), null, p.provenance(), null);
            if (a instanceof Attestation.SbomAttestation s) return new Statement(layer, subject, a.predicateType(), null, null, s.sbom().packages());
            return new Statement(layer, subject, a.predicateType(), null, null, null);
        }

        static Statement unreadable(String layer, String subject, String predicateType, String reason) {
            return new Statement(layer, subject, predicateType, reason, null, null);
        }

        boolean readable() {
            return reason == null;
        }
    }

    boolean has(String attestationDigest) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attestations WHERE attestation_digest = :d")
                .bind("d", attestationDigest).mapTo(Long.class).one() > 0);
    }

    /** Replaces what is stored for one attestation manifest, in one transaction. */
    void save(String attestationDigest, List<Statement> statements) {
        long now = Database.now();
        db.inTransaction(h -> {
            h.createUpdate("DELETE FROM attested_packages WHERE attestation_digest = :d").bind("d", attestationDigest).execute();
            h.createUpdate("DELETE FROM attestations WHERE attestation_digest = :d").bind("d", attestationDigest).execute();
            for (Statement s : statements) insert(h, attestationDigest, s, now);
            return null;
        });
    }

    private static void insert(Handle h, String attestationDigest, Statement s, long now) {
        Provenance p = s.provenance();
        h.createUpdate("INSERT INTO attestations (attestation_digest, layer_digest, subject_digest, predicate_type, status, reason, "
                        + "builder_id, source_repository, source_commit, build_args, base_images, read_at) VALUES "
                        + "(:ad, :ld, :sd, :pt, :status, :reason, :builder, :repo, :commit, :args, :bases, :now)")
                .bind("ad", attestationDigest).bind("ld", s.layerDigest()).bind("sd", s.subjectDigest())
                .bind("pt", s.predicateType()).bind("status", s.readable() ? "read" : "unreadable").bind("reason", s.reason())
                .bind("builder", p == null ? null : p.builderId()).bind("repo", p == null ? null : p.sourceRepository())
                .bind("commit", p == null ? null : p.sourceCommit())
                .bind("args", p == null ? null : json(p.buildArgs())).bind("bases", p == null ? null : json(p.baseImages()))
                .bind("now", now).execute();
        if (s.sbomPackages() == null) return;
        var batch = h.prepareBatch("INSERT INTO attested_packages (attestation_digest, layer_digest, pkg, type, name, version, purl) "
                + "VALUES (:ad, :ld, :pkg, :type, :name, :version, :purl)");
        for (int i = 0; i < s.sbomPackages().size(); i++) {
            Package pkg = s.sbomPackages().get(i);
            batch.bind("ad", attestationDigest).bind("ld", s.layerDigest()).bind("pkg", i).bind("type", pkg.type().id())
                    .bind("name", pkg.name()).bind("version", pkg.version()).bind("purl", pkg.purl()).add();
        }
        if (!s.sbomPackages().isEmpty()) batch.execute();
    }

    /** The statements about {@code subjectDigest} whose attestation manifest the repository holds, by predicate type. */
    List<Statement> about(long repositoryId, String subjectDigest) {
        return db.withHandle(h -> about(h, repositoryId, subjectDigest));
    }

    /** The same, on the caller's handle (inside its transaction). */
    static List<Statement> about(Handle h, long repositoryId, String subjectDigest) {
        {
            List<Row> rows = h.createQuery("SELECT a.attestation_digest, a.layer_digest, a.predicate_type, a.status, a.reason, "
                            + "a.builder_id, a.source_repository, a.source_commit, a.build_args, a.base_images FROM attestations a "
                            + "WHERE a.subject_digest = :sd AND EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = :repo "
                            + "AND m.digest = a.attestation_digest) ORDER BY a.predicate_type, a.attestation_digest, a.layer_digest")
                    .bind("sd", subjectDigest).bind("repo", repositoryId)
                    .map((rs, ctx) -> {
                        String type = rs.getString("predicate_type");
                        String layer = rs.getString("layer_digest");
                        String attestation = rs.getString("attestation_digest");
                        if (!"read".equals(rs.getString("status"))) {
                            return new Row(attestation, Statement.unreadable(layer, subjectDigest, type, rs.getString("reason")));
                        }
                        Provenance p = rs.getString("build_args") == null ? null : new Provenance(type, rs.getString("builder_id"),
                                rs.getString("source_repository"), rs.getString("source_commit"),
                                read(rs.getString("build_args"), new TypeReference<Map<String, String>>() {}),
                                read(rs.getString("base_images"), new TypeReference<List<String>>() {}));
                        return new Row(attestation, new Statement(layer, subjectDigest, type, null, p, null));
                    })
                    .list();
            return rows.stream().map(r -> withPackages(h, r)).toList();
        }
    }

    private record Row(String attestationDigest, Statement statement) {}

    /** An SPDX statement gets its packages. */
    private static Statement withPackages(Handle h, Row r) {
        Statement s = r.statement();
        if (!s.readable() || !s.predicateType().equals(io.spyglass.attestation.InTotoStatements.SPDX)) return s;
        List<Package> packages = h.createQuery("SELECT type, name, version, purl FROM attested_packages "
                        + "WHERE attestation_digest = :ad AND layer_digest = :ld ORDER BY pkg")
                .bind("ad", r.attestationDigest()).bind("ld", s.layerDigest())
                .map((rs, ctx) -> new Package(PackageType.parse(rs.getString("type")), rs.getString("name"),
                        rs.getString("version"), rs.getString("purl"), null, null, List.of(), List.of()))
                .list();
        return new Statement(s.layerDigest(), s.subjectDigest(), s.predicateType(), null, null, packages);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attestation column is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
