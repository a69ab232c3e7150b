package io.spyglass.advisory;

import java.util.Locale;

/** A severity level as shown to people. Sources use many words for these; {@link #parse} maps them. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, NEGLIGIBLE, UNSPECIFIED;

    // computed once: ids are asked for per finding when storing and counting
    private final String id = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in json and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Maps a source's word to a level: Red Hat's Important/Moderate, Debian's urgencies
     * ({@code unimportant}, {@code low**}), GHSA's MODERATE, Arch's Critical… Unknown words and
     * blanks give {@link #UNSPECIFIED}; a level is never guessed from an unknown word.
     */
    public static Severity parse(String text) {
        if (text == null) return UNSPECIFIED;
        String t = text.trim().toLowerCase(Locale.ROOT).replace("*", "");
        return switch (t) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "medium", "moderate" -> MEDIUM;
            case "low" -> LOW;
            case "negligible", "unimportant", "none" -> NEGLIGIBLE;
            default -> UNSPECIFIED;
        };
    }

    /** The CVSS v3/v4 qualitative rating of a base score (FIRST's table); v2 uses {@link #fromCvss2Score}. */
    public static Severity fromScore(double score) {
        if (score >= 9.0) return CRITICAL;
        if (score >= 7.0) return HIGH;
        if (score >= 4.0) return MEDIUM;
        if (score > 0.0) return LOW;
        return NEGLIGIBLE;
    }

    /** NVD's v2 ranges: no critical band. */
    public static Severity fromCvss2Score(double score) {
        if (score >= 7.0) return HIGH;
        if (score >= 4.0) return MEDIUM;
        return LOW;
    }

    /** True when this level is more severe than the other. */
    public boolean isWorseThan(Severity other) {
        return ordinal() < other.ordinal();
    }
}
