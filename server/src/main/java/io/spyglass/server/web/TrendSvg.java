package io.spyglass.server.web;

import io.spyglass.server.analysis.report.SeverityTrend;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The trend chart of a repository as a standalone SVG document ({@code /r/NS/REPO/-/trends.svg}): a
 * step line per severity (counts hold until the next change), a dot with a tooltip at each point,
 * the scale's top and bottom and the first and last dates as text. Drawn on the server, styled only
 * with presentation attributes (the page's stylesheet does not reach an image, and the Content
 * Security Policy allows no inline style), so it needs no script, font or CDN.
 */
final class TrendSvg {
    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int LEFT = 44;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 40;
    private static final List<String> COLOURS = List.of("#b3261e", "#c2410c", "#d69e00", "#8a6d00", "#6b7280");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TrendSvg() {}

    /** The highest count of any level at any point: the top of the scale (at least 1). */
    static long max(SeverityTrend trend) {
        return Math.max(1, trend.points().stream().flatMap(p -> p.counts().stream()).mapToLong(Long::longValue).max().orElse(0));
    }

    static String render(SeverityTrend trend) {
        List<SeverityTrend.Point> points = trend.points();
        long max = max(trend);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<title>").append(summary(trend)).append("</title>");
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#9aa1ad\"/>");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#9aa1ad\"/>");
        svg.append("<text class=\"axis-max\" x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 4)
                .append("\" text-anchor=\"end\">").append(max).append("</text>");
        svg.append("<text class=\"axis-zero\" x=\"").append(LEFT - 6).append("\" y=\"").append(bottom + 4)
                .append("\" text-anchor=\"end\">0</text>");
        if (points.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">No analysed images yet</text></svg>");
            return svg.toString();
        }
        svg.append("<text class=\"axis-start\" x=\"").append(LEFT).append("\" y=\"").append(bottom + 16).append("\">")
                .append(DAY.format(Instant.ofEpochMilli(points.get(0).at()))).append("</text>");
        svg.append("<text class=\"axis-end\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(bottom + 16)
                .append("\" text-anchor=\"end\">").append(DAY.format(Instant.ofEpochMilli(points.get(points.size() - 1).at())))
                .append("</text>");
        for (int l = 0; l < SeverityTrend.LEVELS.size(); l++) series(svg, trend, l, max);
        legend(svg, bottom + 32);
        return svg.append("</svg>").toString();
    }

    private static void series(StringBuilder svg, SeverityTrend trend, int level, long max) {
        String name = SeverityTrend.LEVELS.get(level);
        String colour = COLOURS.get(level);
        List<SeverityTrend.Point> points = trend.points();
        StringBuilder line = new StringBuilder();
        String previousY = null;
        for (SeverityTrend.Point p : points) {
            String x = x(trend, p.at());
            String y = y(p.counts().get(level), max);
            if (previousY != null) line.append(' ').append(x).append(',').append(previousY);
            line.append(line.length() == 0 ? "" : " ").append(x).append(',').append(y);
            previousY = y;
        }
        svg.append("<g class=\"series\" data-level=\"").append(name).append("\">");
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"").append(line).append("\"/>");
        for (SeverityTrend.Point p : points) {
            long n = p.counts().get(level);
            svg.append("<circle cx=\"").append(x(trend, p.at())).append("\" cy=\"").append(y(n, max)).append("\" r=\"2.5\" fill=\"")
                    .append(colour).append("\"><title>").append(DAY.format(Instant.ofEpochMilli(p.at()))).append(": ").append(n)
                    .append(' ').append(name).append("</title></circle>");
        }
        svg.append("</g>");
    }

    private static void legend(StringBuilder svg, int y) {
        int x = LEFT;
        for (int l = 0; l < SeverityTrend.LEVELS.size(); l++) {
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLOURS.get(l)).append("\"/><text x=\"").append(x + 14).append("\" y=\"").append(y).append("\">")
                    .append(SeverityTrend.LEVELS.get(l)).append("</text>");
            x += 90;
        }
    }

    /** Where time {@code at} falls across the plot; a single moment sits in the middle. */
    private static String x(SeverityTrend trend, long at) {
        long first = trend.points().get(0).at();
        long span = trend.points().get(trend.points().size() - 1).at() - first;
        double width = WIDTH - LEFT - RIGHT;
        return format(span == 0 ? LEFT + width / 2 : LEFT + width * (at - first) / span);
    }

    private static String y(long count, long max) {
        double height = HEIGHT - TOP - BOTTOM;
        return format(TOP + height * (1 - (double) count / max));
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** "Vulnerabilities by severity over time; now: 3 critical, …": the chart's text alternative. */
    static String summary(SeverityTrend trend) {
        if (trend.points().isEmpty()) return "Vulnerabilities by severity over time: no analysed images yet";
        SeverityTrend.Point last = trend.points().get(trend.points().size() - 1);
        StringBuilder b = new StringBuilder("Vulnerabilities by severity over time; now:");
        for (int l = 0; l < SeverityTrend.LEVELS.size(); l++) {
            b.append(l == 0 ? " " : ", ").append(last.counts().get(l)).append(' ').append(SeverityTrend.LEVELS.get(l));
        }
        return b.toString();
    }
}
