package io.spyglass.version;

/**
 * One affected range as OSV's events describe it: from {@code introduced} (inclusive; null or {@code "0"}
 * means from the start) up to {@code fixed} (exclusive) or {@code lastAffected} (inclusive), never both,
 * and below {@code limit} (exclusive; null or {@code "*"} means no limit). With neither {@code fixed} nor
 * {@code lastAffected} every later version is affected.
 */
public record VersionRange(String introduced, String fixed, String lastAffected, String limit) {

    public VersionRange {
        introduced = clean("introduced", introduced);
        fixed = clean("fixed", fixed);
        lastAffected = clean("last_affected", lastAffected);
        limit = clean("limit", limit);
        if (introduced != null && introduced.equals("0")) introduced = null;
        if (limit != null && limit.equals("*")) limit = null;
        if (fixed != null && lastAffected != null) {
            throw new IllegalArgumentException("a range has either fixed (" + fixed + ") or last_affected ("
                    + lastAffected + "), not both");
        }
    }

    private static String clean(String field, String value) {
        if (value == null) return null;
        if (value.isBlank()) throw new IllegalArgumentException("range " + field + " is blank");
        return value.trim();
    }

    /** Every version, from the start and never fixed. */
    public static VersionRange all() {
        return new VersionRange(null, null, null, null);
    }

    public static VersionRange fixedIn(String introduced, String fixed) {
        return new VersionRange(introduced, fixed, null, null);
    }

    /**
     * True when {@code version} lies in this range under {@code scheme}.
     *
     * @throws InvalidVersionException when the version or a bound cannot be parsed by the scheme
     */
    public boolean contains(VersionScheme scheme, String version) {
        if (introduced != null && scheme.compare(version, introduced) < 0) return false;
        if (fixed != null && scheme.compare(version, fixed) >= 0) return false;
        if (lastAffected != null && scheme.compare(version, lastAffected) > 0) return false;
        return limit == null || scheme.compare(version, limit) < 0;
    }

    /** Checks every bound against the scheme, so a bad range is reported when it is imported. */
    public VersionRange validate(VersionScheme scheme) {
        for (String bound : new String[] {introduced, fixed, lastAffected, limit}) {
            if (bound != null) scheme.compare(bound, bound);
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(introduced == null ? ">=0" : ">=" + introduced);
        if (fixed != null) s.append(", <").append(fixed);
        if (lastAffected != null) s.append(", <=").append(lastAffected);
        if (limit != null) s.append(", <").append(limit).append(" (limit)");
        return s.toString();
    }
}
