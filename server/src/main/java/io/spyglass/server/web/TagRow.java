package io.spyglass.server.web;

import java.util.List;

/**
 * One tag in the General and Tags lists.
 *
 * @param platforms "linux/amd64" etc.; several for a multi-platform index, empty when unknown
 * @param pushedAt  human text ("3 minutes ago"); pushedAtIso for the {@code <time>} element
 */
record TagRow(String name, String digest, List<String> platforms, String size, String pushedAt,
              String pushedAtIso, AnalysisCell analysis, String url) {
    TagRow {
        platforms = List.copyOf(platforms);
    }

    String shortDigest() {
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 13));
    }
}
