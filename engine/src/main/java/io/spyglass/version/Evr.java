package io.spyglass.version;

/**
 * An {@code [epoch:]version[-release]} string split as rpm's and pacman's {@code parseEVR} split it:
 * the epoch is the leading digits when a ':' follows them (any other ':' belongs to the version), and
 * the release follows the last '-'. {@code release} is null when there is none. Both schemes share
 * this split and {@link #segmentEnd}; they differ in how segments and the release are compared.
 */
record Evr(String epoch, String version, String release) {

    static Evr parse(String scheme, String evr) {
        if (evr == null || evr.isBlank()) throw new InvalidVersionException(scheme, evr, "empty");
        String s = evr.trim();
        if (s.chars().anyMatch(Character::isWhitespace)) throw new InvalidVersionException(scheme, evr, "embedded whitespace");
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

    static boolean isAlnum(char c) {
        return Numbers.isDigit(c) || Numbers.isAlpha(c);
    }

    /** Where the digit run (or letter run) starting at {@code from} ends: one vercmp segment. */
    static int segmentEnd(String s, int from, boolean digits) {
        int i = from;
        while (i < s.length() && (digits ? Numbers.isDigit(s.charAt(i)) : Numbers.isAlpha(s.charAt(i)))) i++;
        return i;
    }

    /** Compares two segments of the same kind: digit runs by value, letter runs by ASCII. */
    static int compareSegments(String a, String b, boolean digits) {
        return digits ? Numbers.compareDigits(a, b) : Integer.signum(a.compareTo(b));
    }
}
