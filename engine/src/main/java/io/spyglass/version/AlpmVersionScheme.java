package io.spyglass.version;

/**
 * Arch Linux's ordering, as pacman's {@code vercmp} ({@code alpm_pkg_vercmp}): {@code [epoch:]pkgver[-pkgrel]}.
 * Its segment comparison is pacman's own copy of rpmvercmp, which differs from rpm's: no {@code ~}/{@code ^}
 * rules, a longer separator wins, and a trailing letter segment loses to the end of the string.
 * The pkgrel is compared only when both sides have one ({@code 1.5 = 1.5-1}).
 */
final class AlpmVersionScheme implements VersionScheme {

    @Override
    public String name() {
        return "alpm";
    }

    @Override
    public int compare(String a, String b) {
        Evr x = Evr.parse("alpm", a);
        Evr y = Evr.parse("alpm", b);
        if (a.equals(b)) return 0;
        int c = vercmp(x.epoch(), y.epoch());
        if (c != 0) return c;
        c = vercmp(x.version(), y.version());
        if (c != 0 || x.release() == null || y.release() == null) return c;
        return vercmp(x.release(), y.release());
    }

    /** pacman's rpmvercmp (lib/libalpm/version.c). */
    static int vercmp(String a, String b) {
        if (a.equals(b)) return 0;
        int one = 0;
        int two = 0;
        int ptr1 = 0;
        int ptr2 = 0;
        while (one < a.length() && two < b.length()) {
            while (one < a.length() && !Evr.isAlnum(a.charAt(one))) one++;
            while (two < b.length() && !Evr.isAlnum(b.charAt(two))) two++;
            if (one >= a.length() || two >= b.length()) break;
            if (one - ptr1 != two - ptr2) return one - ptr1 < two - ptr2 ? -1 : 1;
            ptr1 = one;
            ptr2 = two;
            boolean isNum = Numbers.isDigit(a.charAt(ptr1));
            ptr1 = Evr.segmentEnd(a, ptr1, isNum);
            ptr2 = Evr.segmentEnd(b, ptr2, isNum);
            if (two == ptr2) return isNum ? 1 : -1;
            int c = Evr.compareSegments(a.substring(one, ptr1), b.substring(two, ptr2), isNum);
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
