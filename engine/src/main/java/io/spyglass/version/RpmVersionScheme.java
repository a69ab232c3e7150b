package io.spyglass.version;

/**
 * RPM's ordering ({@code rpmvercmp} and {@code rpmVersionCompare}) for {@code [epoch:]version[-release]}:
 * alternating digit and letter segments, {@code ~} sorts before everything (pre-releases), {@code ^}
 * after the version but before any further segment (post-release snapshots). A missing epoch is 0.
 * A version without a release sorts before the same version with one ({@code 1 < 1-0 }), as
 * libdnf/hawkey and OSV order full EVRs.
 */
final class RpmVersionScheme implements VersionScheme {

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int compare(String a, String b) {
        Evr x = parse(a);
        Evr y = parse(b);
        int c = Numbers.compareDigits(x.epoch(), y.epoch());
        if (c != 0) return c;
        c = rpmvercmp(x.version(), y.version());
        if (c != 0 || (x.release() == null && y.release() == null)) return c;
        if (x.release() == null || y.release() == null) return x.release() == null ? -1 : 1;
        return rpmvercmp(x.release(), y.release());
    }

    private static Evr parse(String evr) {
        Evr parsed = Evr.parse("rpm", evr);
        if (parsed.version().isEmpty()) throw new InvalidVersionException("rpm", evr, "version is empty");
        return parsed;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    /** rpm's {@code rpmvercmp} (rpmio/rpmvercmp.c), segment by segment. */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) return 0;
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Evr.isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') i++;
            while (j < b.length() && !Evr.isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') j++;
            char ca = at(a, i);
            char cb = at(b, j);
            if (ca == '~' || cb == '~') {
                if (ca != '~') return 1;
                if (cb != '~') return -1;
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (ca == '\0') return -1;
                if (cb == '\0') return 1;
                if (ca != '^') return 1;
                if (cb != '^') return -1;
                i++;
                j++;
                continue;
            }
            if (ca == '\0' || cb == '\0') break;
            boolean isNum = Numbers.isDigit(ca);
            int ei = Evr.segmentEnd(a, i, isNum);
            int ej = Evr.segmentEnd(b, j, isNum);
            if (ej == j) return isNum ? 1 : -1; // numeric beats alpha
            int c = Evr.compareSegments(a.substring(i, ei), b.substring(j, ej), isNum);
            if (c != 0) return c;
            i = ei;
            j = ej;
        }
        boolean endA = i >= a.length();
        boolean endB = j >= b.length();
        if (endA && endB) return 0;
        return endA ? -1 : 1;
    }
}
