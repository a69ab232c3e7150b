package io.spyglass.server.analysis.attestation;

import io.spyglass.attestation.InTotoStatements;
import io.spyglass.attestation.Provenance;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.sbom.SbomComparison;
import io.spyglass.sbom.SbomDifference;
import io.spyglass.server.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The attestations of an image as pages, the API and other checks (base image, policies) read
 * them. Callers have already checked the caller may pull the repository; what is returned is
 * limited to attestation manifests that repository holds.
 */
public final class Attestations {
    private final Database db;
    private final AttestationStore store;
    private final ImageReferrers referrers;

    public Attestations(Database db) {
        this.db = db;
        this.store = new AttestationStore(db);
        this.referrers = new ImageReferrers(new io.spyglass.server.store.ManifestStore(db));
    }

    /** The OCI referrers of {@code subjects} in the repository, by artifact type. */
    public List<ImageReferrers.Group> referrers(long repositoryId, List<String> subjects) {
        return referrers.of(repositoryId, subjects);
    }

    /** What was attested about the image manifest {@code imageDigest}, as repository {@code repositoryId} holds it. */
    public ImageAttestations of(long repositoryId, String imageDigest) {
        return read(store.about(repositoryId, imageDigest), () -> ownPackages(imageDigest));
    }

    /**
     * What was attested, read on the caller's handle, without the comparison with Spyglass's own
     * SBOM: for checks that run inside the transaction storing an analysis (policies, base image).
     */
    public static ImageAttestations of(Handle h, long repositoryId, String imageDigest) {
        return read(AttestationStore.about(h, repositoryId, imageDigest), Optional::empty);
    }

    private static ImageAttestations read(List<AttestationStore.Statement> statements, Supplier<Optional<List<Package>>> own) {
        if (statements.isEmpty()) return ImageAttestations.NONE;
        List<Provenance> provenances = new ArrayList<>();
        List<Package> sbom = new ArrayList<>();
        boolean hasSbom = false;
        List<ImageAttestations.Unreadable> unreadable = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (AttestationStore.Statement s : statements) {
            if (!s.readable()) unreadable.add(new ImageAttestations.Unreadable(s.layerDigest(), s.predicateType(), s.reason()));
            else if (s.provenance() != null) provenances.add(s.provenance());
            else if (s.predicateType().equals(InTotoStatements.SPDX)) {
                hasSbom = true;
                sbom.addAll(s.sbomPackages());
            } else others.add(s.predicateType());
        }
        Optional<SbomDifference> difference = hasSbom ? own.get().map(mine -> SbomComparison.compare(sbom, mine))
                : Optional.empty();
        return new ImageAttestations(provenances, sbom, hasSbom, difference, unreadable, others.stream().distinct().toList());
    }

    /** The base image named by the image's provenance (exactly one image in it), for base image detection. */
    public Optional<String> baseImageRef(long repositoryId, String imageDigest) {
        return of(repositoryId, imageDigest).baseImageRef();
    }

    /** The same on the caller's handle (see {@link #of(Handle, long, String)}). */
    public static Optional<String> baseImageRef(Handle h, long repositoryId, String imageDigest) {
        return of(h, repositoryId, imageDigest).baseImageRef();
    }

    /** The same on the caller's handle, inside the transaction that evaluates the policies. */
    public static ImageAttestations.SupplyChainEvidence evidence(Handle h, long repositoryId, String imageDigest) {
        return of(h, repositoryId, imageDigest).evidence();
    }

    /** Whether the image carries SBOM and provenance attestations, for the supply-chain policy. */
    public ImageAttestations.SupplyChainEvidence evidence(long repositoryId, String imageDigest) {
        return of(repositoryId, imageDigest).evidence();
    }

    /** Spyglass's own packages of the image; empty until its analysis is done. */
    private Optional<List<Package>> ownPackages(String imageDigest) {
        return db.withHandle(h -> {
            boolean done = h.createQuery("SELECT COUNT(*) FROM image_analyses WHERE manifest_digest = :d AND status = 'done'")
                    .bind("d", imageDigest).mapTo(Long.class).one() > 0;
            if (!done) return Optional.empty();
            return Optional.of(h.createQuery("SELECT type, name, version, purl FROM image_packages WHERE manifest_digest = :d ORDER BY pkg")
                    .bind("d", imageDigest)
                    .map((rs, ctx) -> new Package(PackageType.parse(rs.getString("type")), rs.getString("name"),
                            rs.getString("version"), rs.getString("purl"), null, null, List.of(), List.of()))
                    .list());
        });
    }
}
