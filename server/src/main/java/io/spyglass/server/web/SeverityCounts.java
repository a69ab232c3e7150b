package io.spyglass.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Findings counted by severity, as the coloured C/H/M/L/U badges show them. */
record SeverityCounts(int critical, int high, int medium, int low, int unspecified) {
    static final SeverityCounts NONE = new SeverityCounts(0, 0, 0, 0, 0);

    SeverityCounts {
        if (critical < 0 || high < 0 || medium < 0 || low < 0 || unspecified < 0) {
            throw new IllegalArgumentException("severity counts must not be negative");
        }
    }

    int total() {
        return critical + high + medium + low + unspecified;
    }

    SeverityCounts plus(SeverityCounts other) {
        return new SeverityCounts(critical + other.critical, high + other.high, medium + other.medium,
                low + other.low, unspecified + other.unspecified);
    }

    /** One entry per severity, worst first, for badges and bars. */
    List<Level> levels() {
        return List.of(new Level("c", "critical", critical), new Level("h", "high", high),
                new Level("m", "medium", medium), new Level("l", "low", low),
                new Level("u", "unspecified", unspecified));
    }

    /** Sort key: more critical first, then more high, and so on. */
    long weight() {
        return critical * 1_000_000_000_000L + high * 100_000_000L + medium * 10_000L + low * 10L + unspecified;
    }

    /** A level's bar length in the chart, 0–100 against the largest level; at least 1 when it has findings. */
    int barLength(Level level) {
        int largest = levels().stream().mapToInt(Level::count).max().orElse(0);
        return level.count() == 0 ? 0 : Math.max(1, level.count() * 100 / largest);
    }

    /**
     * The levels with findings as consecutive parts of one bar 100 units long, worst first. Charts are
     * drawn as SVG with these as attributes because the Content Security Policy forbids inline styles.
     */
    List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        double x = 0;
        for (Level level : levels()) {
            if (level.count() == 0) continue;
            double width = level.count() * 100.0 / total();
            out.add(new Segment(level, String.format(Locale.ROOT, "%.2f", x), String.format(Locale.ROOT, "%.2f", width)));
            x += width;
        }
        return out;
    }

    record Level(String letter, String name, int count) {}

    /** One level's part of a stacked bar: where it starts and how long it is, in SVG user units. */
    record Segment(Level level, String x, String width) {}
}
