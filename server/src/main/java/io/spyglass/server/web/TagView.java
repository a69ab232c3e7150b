package io.spyglass.server.web;

import java.util.List;

/**
 * The tag details page.
 *
 * @param tab            "layers", "vulnerabilities", "packages" or "history"
 * @param platforms      the platforms of a multi-platform tag (one entry, or none, otherwise)
 * @param platform       the platform shown
 * @param imageDigest    the digest of the platform's image manifest (the tag's own digest for a single image)
 */
record TagView(Frame frame, RepoHeader header, TagRow tag, String tab, String pullCommand, List<String> platforms,
               String platform, String imageDigest, ImageFacts.ImageDetails details) {
    TagView {
        platforms = List.copyOf(platforms);
    }

    String tabUrl(String which) {
        String path = tag.url() + (which.equals("layers") ? "" : "/" + which);
        return platforms.size() > 1 ? path + "?platform=" + platform : path;
    }

    String current(String which) {
        return which.equals(tab) ? "page" : null;
    }

    boolean multiPlatform() {
        return platforms.size() > 1;
    }
}
