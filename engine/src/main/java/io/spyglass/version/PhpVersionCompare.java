package io.spyglass.version;

import java.util.List;

/** PHP's {@code version_compare} (ext/standard/versioning.c), which Composer applies to normalised versions. */
final class PhpVersionCompare {
    private PhpVersionCompare() {}

    private static final String[][] SPECIAL_FORMS = {
            {"dev", "0"}, {"alpha", "1"}, {"a", "1"}, {"beta", "2"}, {"b", "2"},
            {"RC", "3"}, {"rc", "3"}, {"#", "4"}, {"pl", "5"}, {"p", "5"}};
    private static final String NUMBER = "#N#";

    static int compare(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) return Boolean.compare(!a.isEmpty(), !b.isEmpty());
        List<String> x = List.of((a.charAt(0) == '#' ? a : canonicalize(a)).split("\\.", -1));
        List<String> y = List.of((b.charAt(0) == '#' ? b : canonicalize(b)).split("\\.", -1));
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            int c = compareElements(x.get(i), y.get(i));
            if (c != 0) return c;
        }
        if (x.size() > n) return rest(x, n);
        if (y.size() > n) return -rest(y, n);
        return 0;
    }

    private static int rest(List<String> parts, int from) {
        String next = parts.get(from);
        if (!next.isEmpty() && Numbers.isDigit(next.charAt(0))) return 1;
        return compare(String.join(".", parts.subList(from, parts.size())), NUMBER);
    }

    private static int compareElements(String p1, String p2) {
        boolean d1 = !p1.isEmpty() && Numbers.isDigit(p1.charAt(0));
        boolean d2 = !p2.isEmpty() && Numbers.isDigit(p2.charAt(0));
        if (d1 && d2) return Long.compare(strtol(p1), strtol(p2));
        if (!d1 && !d2) return Integer.compare(specialForm(p1), specialForm(p2));
        return d1 ? Integer.compare(specialForm(NUMBER), specialForm(p2)) : Integer.compare(specialForm(p1), specialForm(NUMBER));
    }

    /** C's strtol on 64-bit PHP: the leading digits, saturated at PHP_INT_MAX (so two huge numbers are equal). */
    private static long strtol(String s) {
        long v = 0;
        for (int i = 0; i < s.length() && Numbers.isDigit(s.charAt(i)); i++) {
            int d = s.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) return Long.MAX_VALUE;
            v = v * 10 + d;
        }
        return v;
    }

    private static int specialForm(String form) {
        for (String[] f : SPECIAL_FORMS) {
            if (form.startsWith(f[0])) return Integer.parseInt(f[1]);
        }
        return -1;
    }

    /** Separates digit runs from letter runs with dots and turns {@code - _ +} and other symbols into single dots. */
    static String canonicalize(String version) {
        StringBuilder q = new StringBuilder();
        char lp = version.charAt(0);
        q.append(lp);
        for (int i = 1; i < version.length(); i++) {
            char p = version.charAt(i);
            char last = q.charAt(q.length() - 1);
            if (p == '-' || p == '_' || p == '+') {
                if (last != '.') q.append('.');
            } else if ((isNonDigit(lp) && isDigit(p)) || (isDigit(lp) && isNonDigit(p))) {
                if (last != '.') q.append('.');
                q.append(p);
            } else if (!Character.isLetterOrDigit(p) || p > 127) {
                if (last != '.') q.append('.');
            } else {
                q.append(p);
            }
            lp = p;
        }
        return q.toString();
    }

    private static boolean isDigit(char c) {
        return Numbers.isDigit(c);
    }

    private static boolean isNonDigit(char c) {
        return !Numbers.isDigit(c) && c != '.';
    }

}
