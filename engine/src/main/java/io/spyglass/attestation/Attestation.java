package io.spyglass.attestation;

import io.spyglass.sbom.Sbom;

/**
 * What one in-toto statement attests, by its predicate type: a build's provenance, an SBOM of the
 * image, or something Spyglass does not read (kept by type so it can still be listed).
 */
public sealed interface Attestation {
    String predicateType();

    /** SLSA provenance (v0.2 or v1). */
    record ProvenanceAttestation(Provenance provenance) implements Attestation {
        @Override
        public String predicateType() {
            return provenance.predicateType();
        }
    }

    /** An SPDX document ({@code https://spdx.dev/Document}), read as any SPDX file is. */
    record SbomAttestation(String predicateType, Sbom sbom) implements Attestation {}

    /** A predicate Spyglass does not interpret. */
    record OtherAttestation(String predicateType) implements Attestation {}
}
