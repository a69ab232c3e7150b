package io.spyglass.server.analysis;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.AffectedEntry;
import io.spyglass.advisory.AffectedVersions;
import io.spyglass.advisory.PackageKey;
import io.spyglass.advisory.Rating;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches one stored package key and version against the advisory index. A withdrawn advisory
 * matches nothing; an uncertain verdict (a version the scheme cannot read) is not a finding.
 * Several advisories naming one vulnerability give one finding (the first source's range).
 */
final class FindingMatcher {
    private FindingMatcher() {}

    static List<StoredFinding> match(AdvisoryIndex index, PackageKey key, String version, long pkg) {
        Map<String, StoredFinding> out = new LinkedHashMap<>();
        for (AffectedEntry e : index.lookup(key)) {
            if (e.advisory().isWithdrawn()) continue;
            AffectedVersions.Check check = AffectedVersions.check(e.affected(), version);
            if (check.verdict() != AffectedVersions.Verdict.AFFECTED) continue;
            String vuln = e.vulnerability() != null ? e.vulnerability().id() : e.advisory().id();
            Rating rating = e.vulnerability() != null ? e.vulnerability().severity(key.namespace()) : null;
            String severity = rating == null ? "unspecified" : rating.level().id();
            String cvss = rating == null || rating.cvss() == null ? null : rating.cvss().vector();
            String range = check.range() == null ? null : describe(check.range());
            out.putIfAbsent(vuln, new StoredFinding(pkg, vuln, e.advisory().id(), e.advisory().source(), key.namespace(),
                    severity, cvss, check.fixedVersion(), range));
        }
        return List.copyOf(out.values());
    }

    private static String describe(io.spyglass.advisory.AffectedRange r) {
        StringBuilder b = new StringBuilder();
        if (r.introduced() != null && !r.introduced().equals("0")) b.append(">=").append(r.introduced());
        if (r.fixed() != null) b.append(b.isEmpty() ? "" : ", ").append("<").append(r.fixed());
        if (r.lastAffected() != null) b.append(b.isEmpty() ? "" : ", ").append("<=").append(r.lastAffected());
        return b.isEmpty() ? "all versions" : b.toString();
    }
}
