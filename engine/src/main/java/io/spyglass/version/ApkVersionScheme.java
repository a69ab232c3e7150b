package io.spyglass.version;

/**
 * Alpine's ordering, as apk-tools 3 ({@code src/version.c}):
 * {@code number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}}. Suffixes order as
 * {@code _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p}. A number with a
 * leading zero (after the first) compares as a string, like Gentoo.
 *
 * <p>apk orders even versions it does not consider valid, token by token until the first bad token
 * (its own test data relies on this, e.g. {@code 1.0 < 1.0bc}); so does this scheme. When both versions
 * reach a bad token at the same place, apk 3 answers "equal" without having ordered them; such versions
 * ({@code 1.9.5p2}, {@code 0..1}, {@code 0.8.21.r2}) come from the apk-tools 2 era (Alpine up to 3.22 and
 * its secdb), so apk 2's reading of the rest decides ({@link ApkLegacyOrder}: {@code 1.9.5p1 < 1.9.5p2}).
 * Only a version that starts with no number, dot or letter is rejected.
 * {@link #isValid} is apk 3's {@code apk_version_validate}.
 */
final class ApkVersionScheme implements VersionScheme {

    // token kinds in apk's order: a later kind is "shorter", hence older, than an earlier one
    static final int INITIAL_DIGIT = 0, DIGIT = 1, LETTER = 2, SUFFIX = 3, SUFFIX_NO = 4,
            COMMIT_HASH = 5, REVISION_NO = 6, END = 7, INVALID = 8;
    private static final String[] SUFFIXES = {"alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
    private static final int SUFFIX_NONE = 4;

    /** A cursor over one version string; {@link #next()} moves to the following token. */
    private static final class Tokens {
        final String s;
        int pos;
        int token;
        int suffix;
        String value = "";

        Tokens(String s) {
            this.s = s;
            token = INITIAL_DIGIT;
            digits();
        }

        private void digits() {
            int start = pos;
            while (pos < s.length() && Numbers.isDigit(s.charAt(pos))) pos++;
            value = s.substring(start, pos);
            if (value.isEmpty()) token = INVALID;
        }

        void next() {
            if (pos >= s.length()) {
                token = END;
                return;
            }
            char c = s.charAt(pos);
            if (c >= 'a' && c <= 'z') {
                if (token > DIGIT) { token = INVALID; return; }
                value = String.valueOf(c);
                token = LETTER;
                pos++;
            } else if (c == '.' || Numbers.isDigit(c)) {
                if (c == '.') {
                    if (token > DIGIT) { token = INVALID; return; }
                    pos++;
                }
                if (token == INITIAL_DIGIT || token == DIGIT) token = DIGIT;
                else if (token == SUFFIX) token = SUFFIX_NO;
                else { token = INVALID; return; }
                digits();
            } else if (c == '_') {
                if (token > SUFFIX_NO) { token = INVALID; return; }
                int start = ++pos;
                while (pos < s.length() && s.charAt(pos) >= 'a' && s.charAt(pos) <= 'z') pos++;
                value = s.substring(start, pos);
                suffix = suffixValue(value);
                token = suffix < 0 ? INVALID : SUFFIX;
            } else if (c == '~') {
                if (token >= COMMIT_HASH) { token = INVALID; return; }
                int start = ++pos;
                while (pos < s.length() && isHex(s.charAt(pos))) pos++;
                value = s.substring(start, pos);
                token = value.isEmpty() ? INVALID : COMMIT_HASH;
            } else if (c == '-') {
                if (token >= REVISION_NO || !s.startsWith("-r", pos)) { token = INVALID; return; }
                pos += 2;
                token = REVISION_NO;
                digits();
            } else {
                token = INVALID;
            }
        }
    }

    private static boolean isHex(char c) {
        return Numbers.isDigit(c) || (c >= 'a' && c <= 'f');
    }

    private static int suffixValue(String s) {
        if (s.isEmpty()) return -1;
        for (int i = 0; i < SUFFIXES.length; i++) {
            if (i != SUFFIX_NONE && SUFFIXES[i].equals(s)) return i;
        }
        return -1;
    }

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public int compare(String a, String b) {
        return compare(a, b, false);
    }

    /**
     * apk's fuzzy comparison ({@code ~} in dependencies): equal when {@code prefix} is a token-wise
     * prefix of {@code version}, e.g. {@code 3.6.9 ~ 3.6}; otherwise ordered as {@link #compare}.
     */
    int compareFuzzy(String version, String prefix) {
        return compare(version, prefix, true);
    }

    @Override
    public boolean isValid(String version) {
        if (version == null) return false;
        Tokens t = new Tokens(version);
        while (t.token < END) t.next();
        return t.token == END;
    }

    private static int compare(String a, String b, boolean fuzzy) {
        requireStart(a);
        requireStart(b);
        Tokens ta = new Tokens(a);
        Tokens tb = new Tokens(b);
        for (; ta.token == tb.token && ta.token < END; ta.next(), tb.next()) {
            int r = tokenCompare(ta, tb);
            if (r != 0) return r;
        }
        if (ta.token == tb.token) return ta.token == INVALID && !fuzzy ? ApkLegacyOrder.compareValues(a, b) : 0;
        if (tb.token == END && fuzzy) return 0;
        // equal so far: the longer version is newer unless what follows is a pre-release suffix
        if (ta.token == SUFFIX && ta.suffix < SUFFIX_NONE) return -1;
        if (tb.token == SUFFIX && tb.suffix < SUFFIX_NONE) return 1;
        if (ta.token > tb.token) return -1;
        if (tb.token > ta.token) return 1;
        return 0;
    }

    private static void requireStart(String v) {
        if (v == null || v.isEmpty()) throw new InvalidVersionException("apk", v, "empty");
        // apk starts reading a version with a number, an empty number ('.1') or a letter ('a'); anything else
        // ('?bad?', '-r1') has no first token for either apk 2 or 3, so there is no order to follow
        char c = v.charAt(0);
        if (!Numbers.isDigit(c) && c != '.' && (c < 'a' || c > 'z')) {
            throw new InvalidVersionException("apk", v, "does not start with a number or letter");
        }
    }

    private static int tokenCompare(Tokens ta, Tokens tb) {
        switch (ta.token) {
            case DIGIT:
                if (ta.value.charAt(0) == '0' || tb.value.charAt(0) == '0') return blobSort(ta.value, tb.value);
                return Numbers.compareDigits(ta.value, tb.value);
            case INITIAL_DIGIT:
            case SUFFIX_NO:
            case REVISION_NO:
                return Numbers.compareDigits(ta.value, tb.value);
            case LETTER:
                return Integer.compare(ta.value.charAt(0), tb.value.charAt(0));
            case SUFFIX:
                return Integer.compare(ta.suffix, tb.suffix);
            default:
                return blobSort(ta.value, tb.value);
        }
    }

    /** apk_blob_sort: bytes first, then length. */
    private static int blobSort(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) return a.charAt(i) < b.charAt(i) ? -1 : 1;
        }
        return Integer.compare(a.length(), b.length());
    }
}
