package io.spyglass.version;

/**
 * apk-tools 2.x ordering ({@code src/version.c} up to 2.14, {@code apk_version_compare_blob}), read on where
 * apk-tools 3 gives up. Alpine up to 3.22 ships apk-tools 2, and its secdb and installed
 * databases still carry versions written for it: a letter followed by digits ({@code 1.9.5p2}, openssh's
 * {@code 6.6.2p1}), empty parts ({@code 0..1}), a dotted letter ({@code 0.8.21.r2}), {@code 1-r}. apk 2
 * reads those on: after a letter a digit run is another number ({@code p1 < p2}), an empty number is 0,
 * {@code -r} without digits is {@code -r0}. apk 3 stops at the first such token and, when both versions
 * stop at the same place, calls them equal ({@code 1.9.5p1 = 1.9.5p2}) without having ordered them.
 *
 * <p>Differences from apk 3 on valid versions (why this is not used for them): apk 2 counts a number's
 * leading zeros ({@code 0015} is "two zeros, then 15") where apk 3 compares such numbers as strings, and
 * apk 2 knows no {@code ~hash}.
 */
final class ApkLegacyOrder {
    private ApkLegacyOrder() {}

    // apk 2's enum PARTS; a later kind is a "shorter", hence older, version
    private static final int INVALID = -1, DIGIT_OR_ZERO = 0, DIGIT = 1, LETTER = 2, SUFFIX = 3,
            SUFFIX_NO = 4, REVISION_NO = 5, END = 6;
    private static final String[] PRE_SUFFIXES = {"alpha", "beta", "pre", "rc"};
    private static final String[] POST_SUFFIXES = {"cvs", "svn", "git", "hg", "p"};

    /** The blob being read and the kind of the token at its position. */
    private static final class Cursor {
        final String s;
        int pos;
        int type = DIGIT;

        Cursor(String s) {
            this.s = s;
        }

        int left() {
            return s.length() - pos;
        }
    }

    /**
     * The order apk 2 finds by reading on, when a token value differs ({@code p1 < p2}, {@code 0..1 < 0..2});
     * 0 when apk 2 too runs out of values to compare and would decide only by what kind of token comes next.
     */
    static int compareValues(String a, String b) {
        Cursor x = new Cursor(a);
        Cursor y = new Cursor(b);
        long av = 0;
        long bv = 0;
        while (x.type == y.type && x.type != END && x.type != INVALID && av == bv) {
            av = token(x);
            bv = token(y);
        }
        return Long.compare(av, bv);
    }

    /** apk 2's get_token: the value of the token at the cursor, moving to the next one. */
    private static long token(Cursor c) {
        if (c.left() <= 0) {
            c.type = END;
            return 0;
        }
        int i = 0;
        long v = 0;
        int nextType = INVALID;
        String s = c.s;
        int p = c.pos;
        if (c.type == DIGIT_OR_ZERO && s.charAt(p) == '0') {
            // leading zeros count as their negated number, then the rest is read as a plain number
            while (i < c.left() && s.charAt(p + i) == '0') i++;
            nextType = DIGIT;
            v = -i;
        } else if (c.type == DIGIT_OR_ZERO || c.type == DIGIT || c.type == SUFFIX_NO || c.type == REVISION_NO) {
            // apk 2 adds into a C int; a long is exact for every real version
            while (i < c.left() && Numbers.isDigit(s.charAt(p + i))) v = v * 10 + (s.charAt(p + i++) - '0');
        } else if (c.type == LETTER) {
            v = s.charAt(p);
            i = 1;
        } else if (c.type == SUFFIX) {
            int k = prefix(s, p, PRE_SUFFIXES);
            if (k >= 0) {
                v = k - PRE_SUFFIXES.length;
                i = PRE_SUFFIXES[k].length();
            } else if ((k = prefix(s, p, POST_SUFFIXES)) >= 0) {
                v = k;
                i = POST_SUFFIXES[k].length();
            } else {
                c.type = INVALID;
                return -1;
            }
        } else {
            c.type = INVALID;
            return -1;
        }
        c.pos += i;
        if (c.left() == 0) c.type = END;
        else if (nextType != INVALID) c.type = nextType;
        else nextType(c);
        return v;
    }

    /** apk 2 matches a suffix by prefix ({@code _prefoo} reads as {@code _pre}, then fails on {@code f}). */
    private static int prefix(String s, int pos, String[] names) {
        for (int k = 0; k < names.length; k++) if (s.startsWith(names[k], pos)) return k;
        return -1;
    }

    /** apk 2's next_token: the kind of the token at the cursor, given the kind before it. */
    private static void nextType(Cursor c) {
        int n = INVALID;
        char ch = c.s.charAt(c.pos);
        if ((c.type == DIGIT || c.type == DIGIT_OR_ZERO) && ch >= 'a' && ch <= 'z') {
            n = LETTER;
        } else if (c.type == LETTER && Numbers.isDigit(ch)) {
            n = DIGIT; // apk 3 calls this invalid; apk 2 reads 1.9.5p2 as 1.9.5, p, 2
        } else if (c.type == SUFFIX && Numbers.isDigit(ch)) {
            n = SUFFIX_NO;
        } else {
            if (ch == '.') n = DIGIT_OR_ZERO;
            else if (ch == '_') n = SUFFIX;
            else if (ch == '-' && c.left() > 1 && c.s.charAt(c.pos + 1) == 'r') {
                n = REVISION_NO;
                c.pos++;
            }
            c.pos++;
        }
        boolean allowedBack = (n == DIGIT_OR_ZERO && c.type == DIGIT) || (n == SUFFIX && c.type == SUFFIX_NO)
                || (n == DIGIT && c.type == LETTER);
        if (n < c.type && !allowedBack) n = INVALID;
        c.type = n;
    }
}
