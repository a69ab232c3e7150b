package io.spyglass.policy;

import java.util.Objects;

/** One policy's verdict on one image, with details a person can act on. */
public record PolicyResult(String name, PolicyStatus status, String details) {
    public PolicyResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        details = details == null ? "" : details;
    }

    static PolicyResult pass(Policy p, String details) {
        return new PolicyResult(p.name(), PolicyStatus.PASS, details);
    }

    static PolicyResult fail(Policy p, String details) {
        return new PolicyResult(p.name(), PolicyStatus.FAIL, details);
    }

    static PolicyResult unknown(Policy p, String details) {
        return new PolicyResult(p.name(), PolicyStatus.UNKNOWN, details);
    }

    static PolicyResult skipped(Policy p, String details) {
        return new PolicyResult(p.name(), PolicyStatus.SKIPPED, details);
    }
}
