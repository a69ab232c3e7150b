package io.spyglass.version;

/**
 * Debian's version ordering, as {@code dpkg --compare-versions}: {@code [epoch:]upstream[-revision]},
 * where {@code ~} sorts before everything, even the end of the string (dpkg's {@code verrevcmp}).
 * Versions that dpkg would only warn about (upstream not starting with a digit, odd characters) are
 * rejected: an advisory range must never be guessed around.
 */
final class DpkgVersionScheme implements VersionScheme {

    private record Parsed(String epoch, String upstream, String revision) {}

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int c = Numbers.compareDigits(x.epoch, y.epoch);
        if (c != 0) return c;
        c = verrevcmp(x.upstream, y.upstream);
        if (c != 0) return c;
        return verrevcmp(x.revision, y.revision);
    }

    private Parsed parse(String version) {
        if (version == null || version.isBlank()) throw invalid(version, "empty");
        String v = version.trim();
        for (int i = 0; i < v.length(); i++) {
            if (Character.isWhitespace(v.charAt(i))) throw invalid(version, "embedded whitespace");
        }
        String epoch = "0";
        int colon = v.indexOf(':');
        if (colon >= 0) {
            epoch = v.substring(0, colon);
            if (!Numbers.allDigits(epoch)) throw invalid(version, "epoch is not a number");
            v = v.substring(colon + 1);
        }
        if (v.isEmpty()) throw invalid(version, "nothing after the epoch");
        String revision = "";
        int dash = v.lastIndexOf('-');
        if (dash >= 0) {
            revision = v.substring(dash + 1);
            v = v.substring(0, dash);
            if (revision.isEmpty()) throw invalid(version, "revision is empty");
            if (v.isEmpty()) throw invalid(version, "upstream version is empty");
        }
        if (!Numbers.isDigit(v.charAt(0))) throw invalid(version, "upstream version does not start with a digit");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c) && ".+~-:".indexOf(c) < 0 || c > 127) {
                throw invalid(version, "invalid character '" + c + "' in upstream version");
            }
            if (c == ':' && colon < 0) throw invalid(version, "colon in upstream version without an epoch");
        }
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (!Character.isLetterOrDigit(c) && ".+~".indexOf(c) < 0 || c > 127) {
                throw invalid(version, "invalid character '" + c + "' in revision");
            }
        }
        return new Parsed(epoch, v, revision);
    }

    private static InvalidVersionException invalid(String version, String why) {
        return new InvalidVersionException("dpkg", version, why);
    }

    /** dpkg's order of a non-digit character: '~' first, then end/digits, letters, other symbols. */
    private static int order(String s, int i) {
        if (i >= s.length()) return 0;
        char c = s.charAt(i);
        if (Numbers.isDigit(c)) return 0;
        if (Numbers.isAlpha(c)) return c;
        if (c == '~') return -1;
        return c + 256;
    }

    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Numbers.isDigit(a.charAt(i))) || (j < b.length() && !Numbers.isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) return Integer.signum(ac - bc);
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') i++;
            while (j < b.length() && b.charAt(j) == '0') j++;
            while (i < a.length() && j < b.length() && Numbers.isDigit(a.charAt(i)) && Numbers.isDigit(b.charAt(j))) {
                if (firstDiff == 0) firstDiff = a.charAt(i) - b.charAt(j);
                i++;
                j++;
            }
            if (i < a.length() && Numbers.isDigit(a.charAt(i))) return 1;
            if (j < b.length() && Numbers.isDigit(b.charAt(j))) return -1;
            if (firstDiff != 0) return Integer.signum(firstDiff);
        }
        return 0;
    }
}
