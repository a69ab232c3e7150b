package io.spyglass.server.web;

import io.spyglass.server.analysis.report.Comparison;
import java.util.List;

/**
 * The compare page: the tags to choose from, the chosen pair, and their comparison (null until two
 * tags are chosen, or when {@code problem} says why there is none).
 */
record CompareView(Frame frame, RepoHeader header, List<String> tags, String from, String to, Comparison comparison,
                   String problem) {
    CompareView {
        tags = List.copyOf(tags);
    }

    /** A package's versions as one text: "1.2, 1.3", or "–" where it is absent. */
    static String versions(List<String> versions) {
        return versions.isEmpty() ? "–" : String.join(", ", versions);
    }

    /** The severity's one-letter class used by the page's badges (c, h, m, l, u). */
    static String letter(String severity) {
        return switch (severity) {
            case "critical" -> "c";
            case "high" -> "h";
            case "medium" -> "m";
            case "low" -> "l";
            default -> "u";
        };
    }
}
