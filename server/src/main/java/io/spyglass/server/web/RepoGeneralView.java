package io.spyglass.server.web;

import java.util.List;

/** The repository's General tab: latest tags, pull command, severity chart. */
record RepoGeneralView(Frame frame, RepoHeader header, String pullCommand, String pushTarget, List<TagRow> tags,
                       int tagCount, SeverityCounts chart) {
    RepoGeneralView {
        tags = List.copyOf(tags);
    }
}
