package io.spyglass.match;

import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.catalog.Package;
import java.util.List;
import java.util.Objects;

/**
 * One vulnerability in one package, and why: which advisory sources said so ({@code sources}),
 * the range that matched ({@code matchedRange}, as text), how the package was found
 * ({@code matchedBy}: direct name or source package), the fixed version to upgrade to (null when
 * there is none), and the distro's state. {@code uncertain} marks a finding whose installed version
 * the scheme could not parse, or whose jar's Maven group was inferred from the advisory data
 * ({@code matchedBy} {@link MatchKeys#INFERRED_GROUP}): reported, never guessed away; {@code note} says which.
 */
public record Finding(
        String vulnerabilityId,
        List<String> aliases,
        Package pkg,
        String namespace,
        String matchedBy,
        List<String> sources,
        List<String> advisoryIds,
        String matchedRange,
        String fixedVersion,
        AffectedStatus state,
        Rating severity,
        List<Rating> ratings,
        boolean uncertain,
        String note) {

    public Finding {
        Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
        Objects.requireNonNull(pkg, "pkg");
        aliases = List.copyOf(aliases);
        sources = List.copyOf(sources);
        advisoryIds = List.copyOf(advisoryIds);
        ratings = List.copyOf(ratings);
    }

    public Severity level() {
        return severity == null ? Severity.UNSPECIFIED : severity.level();
    }

    /** True when a fixed version exists to upgrade to. */
    public boolean isFixable() {
        return fixedVersion != null;
    }

    /** The identity used to merge and diff findings: vulnerability + package. */
    public String key() {
        return vulnerabilityId + "|" + pkg.type().id() + "|" + pkg.name() + "|" + pkg.version();
    }
}
