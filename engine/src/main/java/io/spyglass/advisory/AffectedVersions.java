package io.spyglass.advisory;

import io.spyglass.version.VersionConstraint;
import io.spyglass.version.VersionRange;
import io.spyglass.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether one version of a package is affected by one {@link Affected} entry, with the namespace's
 * version scheme: the one reading of the model's ranges, for the matcher. A version the scheme
 * cannot parse gives {@link Verdict#UNCERTAIN}, never a guess.
 */
public final class AffectedVersions {
    private AffectedVersions() {}

    public enum Verdict { AFFECTED, NOT_AFFECTED, UNCERTAIN }

    /**
     * The answer and why: the range that matched (null for a {@code versions} list hit or an
     * all-unaffected-constraints miss), the fixed version to report (may be null), or the problem.
     */
    public record Check(Verdict verdict, AffectedRange range, String fixedVersion, String problem) {
        static Check notAffected() {
            return new Check(Verdict.NOT_AFFECTED, null, null, null);
        }
    }

    public static Check check(Affected entry, String version) {
        if (entry.status() == AffectedStatus.NOT_AFFECTED) return Check.notAffected();
        Optional<VersionScheme> scheme = Namespaces.scheme(entry.namespace());
        if (scheme.isEmpty()) {
            return new Check(Verdict.UNCERTAIN, null, null, "no version scheme for " + entry.namespace());
        }
        try {
            return check(entry, version, scheme.get());
        } catch (IllegalArgumentException e) {
            // InvalidVersionException (bad installed version or bound) or a constraint that does not parse
            return new Check(Verdict.UNCERTAIN, null, null, e.getMessage());
        }
    }

    private static Check check(Affected entry, String version, VersionScheme scheme) {
        if (entry.versions().contains(version)) {
            List<String> fixes = entry.fixedVersions();
            return new Check(Verdict.AFFECTED, null, fixes.isEmpty() ? null : fixes.get(0), null);
        }
        List<AffectedRange> safe = new ArrayList<>();
        for (AffectedRange r : entry.ranges()) {
            switch (r.type()) {
                case ECOSYSTEM, SEMVER -> {
                    if (new VersionRange(r.introduced(), r.fixed(), r.lastAffected(), r.limit()).contains(scheme, version)) {
                        return new Check(Verdict.AFFECTED, r, r.fixed(), null);
                    }
                }
                case AFFECTED_IF -> {
                    if (constraint(entry, r).satisfiedBy(scheme, version)) return new Check(Verdict.AFFECTED, r, r.fixed(), null);
                }
                case UNAFFECTED_IF -> {
                    if (constraint(entry, r).satisfiedBy(scheme, version)) return Check.notAffected();
                    safe.add(r);
                }
            }
        }
        if (!safe.isEmpty() && safe.size() == entry.ranges().size()) {
            return new Check(Verdict.AFFECTED, null, nextFix(safe, version, scheme), null);
        }
        return Check.notAffected();
    }

    // the lowest patched version above the installed one: what to upgrade to
    private static String nextFix(List<AffectedRange> safe, String version, VersionScheme scheme) {
        String best = null;
        for (AffectedRange r : safe) {
            String f = r.fixed();
            if (f == null || scheme.compare(f, version) <= 0) continue;
            if (best == null || scheme.compare(f, best) < 0) best = f;
        }
        return best;
    }

    private static VersionConstraint constraint(Affected entry, AffectedRange r) {
        VersionConstraint.Dialect dialect = Namespaces.dialect(entry.namespace())
                .orElseThrow(() -> new IllegalArgumentException("no constraint dialect for " + entry.namespace()));
        return VersionConstraint.parse(r.constraint(), dialect);
    }
}
