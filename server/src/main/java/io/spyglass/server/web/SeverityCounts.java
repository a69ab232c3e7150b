package io.spyglass.server.web;

import java.util.List;

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

    record Level(String letter, String name, int count) {}
}
