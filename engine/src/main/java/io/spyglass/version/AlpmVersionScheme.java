package io.spyglass.version;

/**
 * Arch Linux's ordering, as pacman's {@code vercmp} ({@code alpm_pkg_vercmp}): {@code [epoch:]pkgver[-pkgrel]}.
 * Its segment comparison is pacman's own copy of rpmvercmp, which differs from rpm's: no {@code ~}/{@code ^}
 * rules, a longer separator wins, and a trailing letter segment loses to the end of the string.
 * The pkgrel is compared only when both sides have one ({@code 1.5 = 1.5-1}).
 */
final class AlpmVersionScheme implements VersionScheme {

    private record Evr(String epoch, String version, String release) {}

    @Override
    public String name() {
        return "alpm";
    }

    @Override
    public int compare(String a, String b) {
        if (a == null || a.isBlank()) throw new InvalidVersionException("alpm", a, "empty");
        if (b == null || b.isBlank()) throw new InvalidVersionException("alpm", b, "empty");
        Evr x = parse(a);
        Evr y = parse(b);
        if (a.equals(b)) return 0;
        int c = vercmp(x.epoch, y.epoch);
        if (c != 0) return c;
        c = vercmp(x.version, y.version);
        if (c != 0 || x.release == null || y.release == null) return c;
        return vercmp(x.release, y.release);
    }

    /** pacman's parseEVR: the epoch is the leading digits when a ':' follows them; the release follows the last '-'. */
    private static Evr parse(String evr) {
        String s = evr.trim();
        if (s.chars().anyMatch(Character::isWhitespace)) throw new InvalidVersionException("alpm", evr, "embedded whitespace");
        int k = 0;
        while (k < s.length() && Numbers.isDigit(s.charAt(k))) k++;
        String epoch = "0";
        if (k < s.length() && s.charAt(k) == ':') {
            epoch = k == 0 ? "0" : s.substring(0, k);
            s = s.substring(k + 1);
        }
        String release = null;
        int dash = s.lastIndexOf('-');
        if (dash >= 0) {
            release = s.substring(dash + 1);
            s = s.substring(0, dash);
        }
        return new Evr(epoch, s, release);
    }

    private static boolean isAlnum(char c) {
        return Numbers.isDigit(c) || Numbers.isAlpha(c);
    }

    /** pacman's rpmvercmp (lib/libalpm/version.c). */
    static int vercmp(String a, String b) {
        if (a.equals(b)) return 0;
        int one = 0;
        int two = 0;
        int ptr1 = 0;
        int ptr2 = 0;
        while (one < a.length() && two < b.length()) {
            while (one < a.length() && !isAlnum(a.charAt(one))) one++;
            while (two < b.length() && !isAlnum(b.charAt(two))) two++;
            if (one >= a.length() || two >= b.length()) break;
            if (one - ptr1 != two - ptr2) return one - ptr1 < two - ptr2 ? -1 : 1;
            ptr1 = one;
            ptr2 = two;
            boolean isNum = Numbers.isDigit(a.charAt(ptr1));
            if (isNum) {
                while (ptr1 < a.length() && Numbers.isDigit(a.charAt(ptr1))) ptr1++;
                while (ptr2 < b.length() && Numbers.isDigit(b.charAt(ptr2))) ptr2++;
            } else {
                while (ptr1 < a.length() && Numbers.isAlpha(a.charAt(ptr1))) ptr1++;
                while (ptr2 < b.length() && Numbers.isAlpha(b.charAt(ptr2))) ptr2++;
            }
            if (two == ptr2) return isNum ? 1 : -1;
            String sa = a.substring(one, ptr1);
            String sb = b.substring(two, ptr2);
            int c = isNum ? Numbers.compareDigits(sa, sb) : Integer.signum(sa.compareTo(sb));
            if (c != 0) return c;
            one = ptr1;
            two = ptr2;
        }
        boolean endA = one >= a.length();
        boolean endB = two >= b.length();
        if (endA && endB) return 0;
        // a remaining letter segment never beats the end of the string
        if ((endA && !Numbers.isAlpha(b.charAt(two))) || (!endA && Numbers.isAlpha(a.charAt(one)))) return -1;
        return 1;
    }
}
