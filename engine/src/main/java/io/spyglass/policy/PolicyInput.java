package io.spyglass.policy;

import io.spyglass.advisory.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the policies look at for one image. An {@code Optional} left empty means the input is
 * not known (not read, or no part of Spyglass produces it yet): the policies that need it answer
 * {@link PolicyStatus#UNKNOWN}, never pass.
 *
 * @param user          the config's {@code User} ("" when unset, which runs as root); empty when the config was not read
 * @param findings      the image's findings
 * @param kevCatalogue  whether a CISA KEV catalogue is loaded (without one, no finding can be known to be exploited)
 * @param licences      each package's declared licences
 * @param baseImage     the detected base image and whether a newer one exists; empty when detection is not available
 * @param attestations  which supply-chain attestations the image carries; empty when they were not read
 */
public record PolicyInput(Optional<String> user, List<FindingFact> findings, boolean kevCatalogue, List<PackageLicences> licences,
                          Optional<BaseImageStatus> baseImage, Optional<AttestationStatus> attestations) {
    public PolicyInput {
        Objects.requireNonNull(user, "user");
        findings = List.copyOf(findings);
        licences = List.copyOf(licences);
        Objects.requireNonNull(baseImage, "baseImage");
        Objects.requireNonNull(attestations, "attestations");
    }

    /** A finding as the policies see it; a {@code suppressed} one (VEX) counts for nothing. */
    public record FindingFact(String vulnerabilityId, String packageName, Severity severity, boolean fixAvailable,
                              boolean knownExploited, boolean suppressed) {
        public FindingFact {
            Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
            Objects.requireNonNull(severity, "severity");
            packageName = packageName == null ? "" : packageName;
        }
    }

    /** A package and the licences it declares (SPDX ids or expressions, as written). */
    public record PackageLicences(String packageName, List<String> licences) {
        public PackageLicences {
            Objects.requireNonNull(packageName, "packageName");
            licences = List.copyOf(licences);
        }
    }

    /**
     * The image's detected base image. {@code repository} is where Spyglass knows it from
     * ({@code library/debian}); {@code outdated} when a newer image of the same flavour exists.
     * {@link #NONE_DETECTED}: detection ran and no known image is this image's base.
     */
    public record BaseImageStatus(String repository, String tag, String digest, boolean outdated) {
        public static final BaseImageStatus NONE_DETECTED = new BaseImageStatus("", "", "", false);

        public BaseImageStatus {
            Objects.requireNonNull(repository, "repository");
        }

        public boolean detected() {
            return !repository.isEmpty();
        }

        String reference() {
            return repository + (tag == null || tag.isEmpty() ? "" : ":" + tag);
        }
    }

    /** Which supply-chain attestations the image carries. */
    public record AttestationStatus(boolean hasSbom, boolean hasProvenance) {}
}
