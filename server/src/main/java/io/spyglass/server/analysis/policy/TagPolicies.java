package io.spyglass.server.analysis.policy;

import io.spyglass.policy.PolicyResult;
import java.util.List;

/**
 * A tag's policy verdicts as the API and pages show them: one entry per policy (for a tag with
 * several images, the worst verdict among them, its details prefixed with the platform), and the
 * grade ({@code healthScore}: A–F; null while no image of the tag has been evaluated).
 */
public record TagPolicies(List<Entry> policies, String healthScore) {
    public static final TagPolicies NONE = new TagPolicies(List.of(), null);

    public TagPolicies {
        policies = List.copyOf(policies);
    }

    /** {@code status}: pass, fail, unknown or skipped. */
    public record Entry(String name, String title, String status, String details) {
        static Entry of(PolicyResult r, String title, String prefix) {
            return new Entry(r.name(), title, r.status().id(), prefix + r.details());
        }
    }

    public long failing() {
        return policies.stream().filter(p -> p.status().equals("fail")).count();
    }
}
