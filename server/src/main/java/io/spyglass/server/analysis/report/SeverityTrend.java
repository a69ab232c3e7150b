package io.spyglass.server.analysis.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A repository's vulnerabilities by severity over time, for the trend chart: one point whenever
 * an image tagged in it was analysed or its findings changed (finding_history), and one for now.
 * History only records changes, so each image's count at a time is its count now minus what was
 * added after that time plus what was removed after it; an image counts from its analysis on.
 */
public record SeverityTrend(List<Point> points) {
    public static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "other");

    public SeverityTrend {
        points = List.copyOf(points);
    }

    /** The counts at one time (epoch milliseconds), by level in {@link #LEVELS} order. */
    public record Point(long at, List<Long> counts) {
        public Point {
            counts = List.copyOf(counts);
        }

        public long count(String level) {
            return counts.get(LEVELS.indexOf(level));
        }

        public long total() {
            return counts.stream().mapToLong(Long::longValue).sum();
        }
    }

    /** An analysed image with its counts now ({@link #LEVELS} order). */
    public record Image(String digest, long analysedAt, List<Long> counts) {
        public Image {
            counts = List.copyOf(counts);
        }
    }

    /** One finding_history row: a finding of {@code severity} added to or removed from an image. */
    public record Change(String digest, long at, String severity, boolean added) {}

    /** The level a stored severity counts under, as the summaries count it. */
    static int level(String severity) {
        int i = severity == null ? -1 : LEVELS.indexOf(severity.toLowerCase(Locale.ROOT));
        return i < 0 ? LEVELS.size() - 1 : i;
    }

    static SeverityTrend of(List<Image> images, List<Change> changes, long now) {
        Map<String, Image> byDigest = new HashMap<>();
        images.forEach(i -> byDigest.put(i.digest(), i));
        TreeSet<Long> times = new TreeSet<>();
        images.forEach(i -> times.add(i.analysedAt()));
        for (Change c : changes) {
            Image i = byDigest.get(c.digest());
            if (i != null && c.at() >= i.analysedAt()) times.add(c.at());
        }
        if (!images.isEmpty()) times.add(Math.max(now, times.last()));
        List<Point> points = new ArrayList<>();
        for (long t : times) {
            long[] counts = new long[LEVELS.size()];
            for (Image i : images) {
                if (i.analysedAt() > t) continue;
                for (int l = 0; l < counts.length; l++) counts[l] += i.counts().get(l);
            }
            for (Change c : changes) {
                Image i = byDigest.get(c.digest());
                if (i == null || i.analysedAt() > t || c.at() <= t) continue;
                counts[level(c.severity())] += c.added() ? -1 : 1;
            }
            List<Long> list = new ArrayList<>();
            for (long n : counts) list.add(Math.max(0, n));
            points.add(new Point(t, list));
        }
        return new SeverityTrend(points);
    }
}
