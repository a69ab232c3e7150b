package io.spyglass.server.analysis.attestation;

import io.spyglass.attestation.Provenance;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.SbomDifference;
import java.util.List;
import java.util.Optional;

/**
 * What the build attested about one image, as a repository holding the attestations sees it.
 *
 * @param provenances  the SLSA provenance statements read (BuildKit writes one per image)
 * @param sbomPackages the packages of the attached SPDX SBOM; empty when there is none
 * @param hasSbom      whether an SBOM statement was read (it may list no packages)
 * @param sbomDifference the attached SBOM against Spyglass's own analysis (first: attached, second:
 *                     Spyglass); empty when there is no SBOM or the image is not analysed yet
 * @param unreadable   statements that could not be read, with the reason
 * @param otherTypes   predicate types Spyglass does not interpret
 */
public record ImageAttestations(List<Provenance> provenances, List<Package> sbomPackages, boolean hasSbom,
                                Optional<SbomDifference> sbomDifference, List<Unreadable> unreadable, List<String> otherTypes) {
    public static final ImageAttestations NONE = new ImageAttestations(List.of(), List.of(), false, Optional.empty(), List.of(), List.of());

    public ImageAttestations {
        provenances = List.copyOf(provenances);
        sbomPackages = List.copyOf(sbomPackages);
        unreadable = List.copyOf(unreadable);
        otherTypes = List.copyOf(otherTypes);
    }

    /** A statement that could not be read: which layer, what it claimed to be, and why. */
    public record Unreadable(String layerDigest, String predicateType, String reason) {}

    public boolean any() {
        return !provenances.isEmpty() || hasSbom || !unreadable.isEmpty() || !otherTypes.isEmpty();
    }

    public Optional<Provenance> provenance() {
        return provenances.stream().findFirst();
    }

    /** The base image the provenance names, when it names exactly one (see {@link Provenance#baseImageRef()}). */
    public Optional<String> baseImageRef() {
        return provenance().flatMap(Provenance::baseImageRef);
    }

    /** For policies: which supply-chain attestations the image carries. */
    public SupplyChainEvidence evidence() {
        return new SupplyChainEvidence(hasSbom, !provenances.isEmpty());
    }

    /** Whether an image carries an SBOM attestation and a provenance attestation that could be read. */
    public record SupplyChainEvidence(boolean sbom, boolean provenance) {
        public boolean complete() {
            return sbom && provenance;
        }
    }
}
