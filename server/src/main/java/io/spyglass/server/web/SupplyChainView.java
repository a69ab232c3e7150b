package io.spyglass.server.web;

import io.spyglass.attestation.Provenance;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.SbomDifference;
import io.spyglass.server.analysis.attestation.ImageAttestations;
import io.spyglass.server.analysis.attestation.ImageReferrers;
import java.util.List;
import java.util.Map;

/**
 * The tag page's supply-chain card: what the build attested about the image shown (provenance,
 * attached SBOM compared with Spyglass's own) and the OCI referrers of the tag and that image.
 */
record SupplyChainView(ImageAttestations attestations, List<ImageReferrers.Group> referrers, String tagDigest) {
    static final SupplyChainView NONE = new SupplyChainView(ImageAttestations.NONE, List.of(), "");

    SupplyChainView {
        referrers = List.copyOf(referrers);
    }

    boolean any() {
        return attestations.any() || !referrers.isEmpty();
    }

    /** The provenance shown, or null. */
    Provenance provenance() {
        return attestations.provenance().orElse(null);
    }

    List<Map.Entry<String, String>> buildArgs() {
        return provenance() == null ? List.of() : List.copyOf(provenance().buildArgs().entrySet());
    }

    /** Null until Spyglass's own analysis is done. */
    SbomDifference difference() {
        return attestations.sbomDifference().orElse(null);
    }

    /** What a referrer is about: the tag's own digest (its index, for a multi-platform tag) or the image shown. */
    String subjectLabel(String subject) {
        return subject.equals(tagDigest) ? "for this tag" : "for the image " + shortDigest(subject);
    }

    static String label(Package p) {
        return p.type().id() + " " + p.name() + (p.version() == null ? "" : " " + p.version());
    }

    static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
    }

    /** "Sigstore bundle" and the like for artifact types people know; the type itself otherwise. */
    static String typeName(String artifactType) {
        return switch (artifactType) {
            case "application/vnd.dev.cosign.artifact.sig.v1+json" -> "Cosign signature";
            case "application/vnd.dev.sigstore.bundle.v0.3+json", "application/vnd.dev.sigstore.bundle+json;version=0.3" -> "Sigstore bundle";
            case "application/vnd.cncf.notary.signature" -> "Notary signature";
            case "application/spdx+json" -> "SPDX SBOM";
            case "application/vnd.cyclonedx+json" -> "CycloneDX SBOM";
            case "application/openvex+json", "application/vnd.openvex+json" -> "OpenVEX document";
            case "application/vnd.in-toto+json" -> "in-toto attestation";
            default -> artifactType;
        };
    }
}
