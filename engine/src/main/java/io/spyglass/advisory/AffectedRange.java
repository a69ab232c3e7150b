package io.spyglass.advisory;

/**
 * One interval of affected versions, as strings in the ecosystem's own scheme (compared only at
 * match time, by {@code io.spyglass.version}).
 *
 * <ul>
 * <li>{@code ECOSYSTEM}, {@code SEMVER}: OSV events flattened to one interval:
 *     {@code introduced} (inclusive; {@code "0"} = from the start) up to {@code fixed} (exclusive) or
 *     {@code lastAffected} (inclusive), or open-ended when both are null. {@code limit} (exclusive
 *     upper bound over the whole OSV range) is carried when the source gave one.</li>
 * <li>{@code AFFECTED_IF}: {@code constraint} in the ecosystem's constraint dialect
 *     (e.g. Composer {@code ">=7,<7.4.3"}); a version satisfying it is affected.</li>
 * <li>{@code UNAFFECTED_IF}: {@code constraint} (e.g. RubyGems {@code "~> 2.0.9, >= 2.0.9.1"}) names
 *     patched or never-affected versions; an entry whose every range is of this type affects a
 *     version that satisfies none of them. {@code fixed} holds the constraint's lower bound, when it
 *     has one, for display.</li>
 * </ul>
 */
public record AffectedRange(Type type, String introduced, String fixed, String lastAffected, String limit,
                            String constraint) {
    public enum Type { ECOSYSTEM, SEMVER, AFFECTED_IF, UNAFFECTED_IF }

    public AffectedRange {
        if (type == null) throw new InvalidAdvisoryException("range without a type");
        introduced = blankToNull(introduced);
        fixed = blankToNull(fixed);
        lastAffected = blankToNull(lastAffected);
        limit = blankToNull(limit);
        constraint = blankToNull(constraint);
        boolean events = type == Type.ECOSYSTEM || type == Type.SEMVER;
        if (events && introduced == null) introduced = "0";
        if (events && constraint != null) throw new InvalidAdvisoryException(type + " range cannot have a constraint");
        if (!events && constraint == null) throw new InvalidAdvisoryException(type + " range needs a constraint");
        if (fixed != null && lastAffected != null) {
            throw new InvalidAdvisoryException("range has both fixed " + fixed + " and last_affected " + lastAffected);
        }
    }

    /** An OSV-style interval. */
    public static AffectedRange events(Type type, String introduced, String fixed, String lastAffected, String limit) {
        return new AffectedRange(type, introduced, fixed, lastAffected, limit, null);
    }

    /** Every version before {@code fixed} (or every version when fixed is null). */
    public static AffectedRange fixedIn(String fixed) {
        return events(Type.ECOSYSTEM, "0", fixed, null, null);
    }

    public static AffectedRange affectedIf(String constraint) {
        return new AffectedRange(Type.AFFECTED_IF, null, null, null, null, constraint);
    }

    public static AffectedRange unaffectedIf(String constraint, String lowerBound) {
        return new AffectedRange(Type.UNAFFECTED_IF, null, lowerBound, null, null, constraint);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
