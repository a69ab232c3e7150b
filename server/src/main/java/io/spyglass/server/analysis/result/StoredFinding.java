package io.spyglass.server.analysis.result;

import io.spyglass.match.Finding;
import java.util.List;

/**
 * One row of table findings: package {@code pkg} of an image is affected by {@code vulnerabilityId}.
 * {@code advisoryId} and {@code source} list every advisory and source the engine matcher merged
 * into the finding, comma-separated, in its order.
 */
public record StoredFinding(long pkg, String vulnerabilityId, String advisoryId, String source, String namespace,
                     String severity, String cvss, String fixedVersion, String range, boolean uncertain) {

    public static final String SEPARATOR = ", ";

    /** The row for an engine finding on stored package {@code pkg}. */
    public static StoredFinding of(long pkg, Finding f) {
        String cvss = f.severity() == null || f.severity().cvss() == null ? null : f.severity().cvss().vector();
        return new StoredFinding(pkg, f.vulnerabilityId(), joined(f.advisoryIds()), joined(f.sources()),
                f.namespace(), f.level().id(), cvss, f.fixedVersion(), f.matchedRange(), f.uncertain());
    }

    private static String joined(List<String> values) {
        return values.size() == 1 ? values.get(0) : String.join(SEPARATOR, values);
    }
}
