package io.spyglass.server.analysis.report;

import io.spyglass.compare.FindingDelta;
import io.spyglass.compare.PackageDelta;
import io.spyglass.match.Finding;
import io.spyglass.server.hub.Repository;
import java.util.List;

/**
 * Two tags compared, as the compare page and {@code GET /api/repositories/{ns}/{name}/compare?from=&to=}
 * show it: packages added, removed and changed, vulnerabilities added and fixed going from {@code from} to {@code to}.
 */
public record Comparison(String namespace, String repository, TagRef from, TagRef to, Packages packages,
                         Vulnerabilities vulnerabilities) {

    /** One side: the tag and the image of it that was compared. */
    public record TagRef(String tag, String digest, String platform) {}

    public record Packages(List<PackageDelta.Change> added, List<PackageDelta.Change> removed, List<PackageDelta.Change> changed) {
        public Packages {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }
    }

    public record Vulnerabilities(List<Vulnerability> added, List<Vulnerability> fixed) {
        public Vulnerabilities {
            added = List.copyOf(added);
            fixed = List.copyOf(fixed);
        }
    }

    /** A vulnerability in a package, with the severity and fix the engine gives it. */
    public record Vulnerability(String id, String severity, String packageType, String packageName, String packageVersion,
                                String fixedVersion) {
        static Vulnerability of(Finding f) {
            return new Vulnerability(f.vulnerabilityId(), f.level().id(), f.pkg().type().id(), f.pkg().name(), f.pkg().version(),
                    f.fixedVersion());
        }
    }

    /** A tag has no stored report to compare (analysis off, queued, failed). */
    public static final class NotReady extends RuntimeException {
        public NotReady(String message) {
            super(message);
        }
    }

    static Comparison of(Repository repo, TagRef from, TagRef to, PackageDelta packages, FindingDelta findings) {
        return new Comparison(repo.namespace(), repo.name(), from, to,
                new Packages(packages.added(), packages.removed(), packages.changed()),
                new Vulnerabilities(findings.added().stream().map(Vulnerability::of).toList(),
                        findings.fixed().stream().map(Vulnerability::of).toList()));
    }
}
