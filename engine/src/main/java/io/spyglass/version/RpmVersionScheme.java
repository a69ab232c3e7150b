package io.spyglass.version;

/**
 * RPM's ordering ({@code rpmvercmp} and {@code rpmVersionCompare}) for {@code [epoch:]version[-release]}:
 * alternating digit and letter segments, {@code ~} sorts before everything (pre-releases), {@code ^}
 * after the version but before any further segment (post-release snapshots). A missing epoch is 0.
 * A version without a release sorts before the same version with one ({@code 1 < 1-0 }), as
 * libdnf/hawkey and OSV order full EVRs.
 */
final class RpmVersionScheme implements VersionScheme {

    private record Evr(String epoch, String version, String release) {}

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int compare(String a, String b) {
        Evr x = parse(a);
        Evr y = parse(b);
        int c = Numbers.compareDigits(x.epoch, y.epoch);
        if (c != 0) return c;
        c = rpmvercmp(x.version, y.version);
        if (c != 0 || (x.release == null && y.release == null)) return c;
        if (x.release == null || y.release == null) return x.release == null ? -1 : 1;
        return rpmvercmp(x.release, y.release);
    }

    private static Evr parse(String evr) {
        if (evr == null || evr.isBlank()) throw new InvalidVersionException("rpm", evr, "empty");
        String v = evr.trim();
        if (v.chars().anyMatch(Character::isWhitespace)) throw new InvalidVersionException("rpm", evr, "embedded whitespace");
        // rpm's parseEVR: an epoch is the leading digits when a ':' follows them; any other ':' is part of the version
        String epoch = "0";
        int k = 0;
        while (k < v.length() && Numbers.isDigit(v.charAt(k))) k++;
        if (k < v.length() && v.charAt(k) == ':') {
            epoch = k == 0 ? "0" : v.substring(0, k);
            v = v.substring(k + 1);
        }
        String release = null;
        int dash = v.lastIndexOf('-');
        if (dash >= 0) {
            release = v.substring(dash + 1);
            v = v.substring(0, dash);
        }
        if (v.isEmpty()) throw new InvalidVersionException("rpm", evr, "version is empty");
        return new Evr(epoch, v, release);
    }

    private static boolean isAlnum(char c) {
        return Numbers.isDigit(c) || Numbers.isAlpha(c);
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
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') i++;
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') j++;
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
            int ei = i;
            int ej = j;
            if (isNum) {
                while (ei < a.length() && Numbers.isDigit(a.charAt(ei))) ei++;
                while (ej < b.length() && Numbers.isDigit(b.charAt(ej))) ej++;
            } else {
                while (ei < a.length() && Numbers.isAlpha(a.charAt(ei))) ei++;
                while (ej < b.length() && Numbers.isAlpha(b.charAt(ej))) ej++;
            }
            if (ej == j) return isNum ? 1 : -1; // numeric beats alpha
            String sa = a.substring(i, ei);
            String sb = b.substring(j, ej);
            int c = isNum ? Numbers.compareDigits(sa, sb) : Integer.signum(sa.compareTo(sb));
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
