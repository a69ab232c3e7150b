package io.spyglass.policy;

import java.util.Collection;
import java.util.List;

/**
 * The grade of an image from its policy results. The rule (README "Policies and health grade"):
 * a failing {@code no-known-exploited} gives F; otherwise the number of failing policies gives
 * A (none), B (1), C (2), D (3) or F (4 or more). Unknown and skipped results do not count either
 * way. A tag with several images takes the worst grade of them.
 */
public enum HealthGrade {
    A, B, C, D, F;

    public static HealthGrade of(Collection<PolicyResult> results) {
        long failing = results.stream().filter(r -> r.status() == PolicyStatus.FAIL).count();
        boolean exploited = results.stream()
                .anyMatch(r -> r.status() == PolicyStatus.FAIL && r.name().equals("no-known-exploited"));
        if (exploited || failing >= 4) return F;
        return values()[(int) failing];
    }

    /** The worse of two grades (F is worst). */
    public HealthGrade worse(HealthGrade other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static HealthGrade worst(List<HealthGrade> grades) {
        return grades.stream().reduce(A, HealthGrade::worse);
    }

    public String letter() {
        return name();
    }
}
