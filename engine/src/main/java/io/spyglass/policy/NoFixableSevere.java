package io.spyglass.policy;

import io.spyglass.advisory.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** No vulnerability of the given severities (critical and high by default) that has a fix available. */
final class NoFixableSevere implements Policy {
    static final String SEVERITIES = "severities";

    @Override
    public String name() {
        return "no-fixable-critical-high";
    }

    @Override
    public String title() {
        return "No fixable critical or high vulnerabilities";
    }

    @Override
    public Map<String, List<String>> defaults() {
        return Map.of(SEVERITIES, List.of("critical", "high"));
    }

    @Override
    public void check(String name, String value) {
        if (Severity.parse(value) == Severity.UNSPECIFIED) {
            throw new IllegalArgumentException("'" + value + "' is not a severity (critical, high, medium, low, negligible)");
        }
    }

    @Override
    public boolean readsFindings() {
        return true;
    }

    /** A finding without a fix never fails it, whatever its severity (the severities are a setting). */
    @Override
    public boolean reads(PolicyInput.FindingFact finding) {
        return finding.fixAvailable();
    }

    @Override
    public PolicyResult evaluate(PolicyInput input, PolicyParameters parameters) {
        Set<Severity> levels = EnumSet.noneOf(Severity.class);
        for (String s : parameters.get(this, SEVERITIES)) levels.add(Severity.parse(s));
        Set<String> ids = new TreeSet<>();
        for (PolicyInput.FindingFact f : input.findings()) {
            if (!f.suppressed() && f.fixAvailable() && levels.contains(f.severity())) ids.add(f.vulnerabilityId());
        }
        String which = levels.stream().map(Severity::id).sorted().toList().toString();
        if (ids.isEmpty()) return PolicyResult.pass(this, "no fixable vulnerability of " + which);
        return PolicyResult.fail(this, ids.size() + " fixable " + which + ": " + Lists.first(ids, 5));
    }
}
