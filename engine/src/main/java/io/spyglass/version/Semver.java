package io.spyglass.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Semantic Versioning 2.0.0 version; build metadata is kept but never ordered. */
record Semver(String major, String minor, String patch, List<String> prerelease, String build) {

    private static final String NUM = "0|[1-9][0-9]*";
    private static final String ID = "(?:" + NUM + "|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern FULL = Pattern.compile("(" + NUM + ")\\.(" + NUM + ")\\.(" + NUM + ")"
            + "(?:-(" + ID + "(?:\\." + ID + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    /** Go's shorthand: v1 and v1.2 mean v1.0.0 and v1.2.0 (golang.org/x/mod/semver). */
    private static final Pattern SHORT = Pattern.compile("(" + NUM + ")(?:\\.(" + NUM + "))?");

    Semver {
        prerelease = List.copyOf(prerelease);
    }

    /** Parses {@code text} (already stripped of any prefix); null when it is not SemVer. */
    static Semver parse(String text, boolean allowShorthand) {
        Matcher m = FULL.matcher(text);
        if (m.matches()) {
            List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
            return new Semver(m.group(1), m.group(2), m.group(3), pre, m.group(5));
        }
        Matcher s = SHORT.matcher(text);
        if (allowShorthand && s.matches()) {
            return new Semver(s.group(1), s.group(2) == null ? "0" : s.group(2), "0", List.of(), null);
        }
        return null;
    }

    int compareTo(Semver o) {
        int c = Numbers.compareDigits(major, o.major);
        if (c == 0) c = Numbers.compareDigits(minor, o.minor);
        if (c == 0) c = Numbers.compareDigits(patch, o.patch);
        if (c != 0) return c;
        return comparePrerelease(prerelease, o.prerelease, false);
    }

    /**
     * SemVer precedence of pre-release identifiers: no pre-release is higher; numbers compare by value
     * and sort before text; text compares in ASCII (or ignoring case, as NuGet does); a longer list wins a tie.
     */
    static int comparePrerelease(List<String> a, List<String> b, boolean ignoreCase) {
        if (a.isEmpty() || b.isEmpty()) return Boolean.compare(a.isEmpty(), b.isEmpty());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean nx = Numbers.allDigits(x);
            boolean ny = Numbers.allDigits(y);
            int c;
            if (nx && ny) c = Numbers.compareDigits(x, y);
            else if (nx || ny) c = nx ? -1 : 1;
            else c = Integer.signum(ignoreCase ? x.compareToIgnoreCase(y) : x.compareTo(y));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
