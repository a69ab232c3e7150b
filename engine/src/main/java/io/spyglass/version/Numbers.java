package io.spyglass.version;

/** Numeric comparison of digit runs of any length, as the reference tools do after stripping zeros. */
final class Numbers {
    private Numbers() {}

    /** Compares two strings of ASCII digits by value; leading zeros are ignored. */
    static int compareDigits(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        if (x.length() != y.length()) return x.length() < y.length() ? -1 : 1;
        return Integer.signum(x.compareTo(y));
    }

    static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
        return digits.substring(i);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean allDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!isDigit(s.charAt(i))) return false;
        return true;
    }
}
