package io.spyglass.server.analysis.advisory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's scheduled {@code db update}: how often ({@code interval}; null = never), whether
 * this node is {@code offline} (then it never fetches), and which feeds ({@code feedConfig}, the
 * same {@code source = url …} file as {@code spyglass db update --config}; null = built-in feeds), or
 * instead of the feeds an advisory {@code artifact} in a registry (null = the feeds).
 */
public record AdvisoryUpdates(Duration interval, boolean offline, Path feedConfig, AdvisoryArtifactFeed artifact) {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** No scheduled update. */
    public static final AdvisoryUpdates OFF = new AdvisoryUpdates(null, false, null);

    /** From the feeds. */
    public AdvisoryUpdates(Duration interval, boolean offline, Path feedConfig) {
        this(interval, offline, feedConfig, null);
    }

    public AdvisoryUpdates {
        if (interval != null && (interval.isZero() || interval.isNegative())) interval = null;
        if (interval != null && interval.toMillis() < 1_000) {
            throw new IllegalArgumentException("advisory update interval " + interval + " is shorter than a second");
        }
    }

    /** Whether this node runs scheduled updates at all. */
    public boolean enabled() {
        return interval != null && !offline;
    }

    /**
     * Parses {@code 6h}, {@code 30m}, {@code 90s}, {@code 1d}, an ISO-8601 duration ({@code PT6H}),
     * or {@code 0}/{@code off}/{@code none} (never). Null or blank is never too.
     */
    public static Duration parseInterval(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0") || t.equals("off") || t.equals("none") || t.equals("never")) return null;
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("advisory update interval '" + text
                    + "' is not a duration (e.g. 6h, 30m, 1d, PT6H; 0 or off to turn updates off)");
        }
    }
}
