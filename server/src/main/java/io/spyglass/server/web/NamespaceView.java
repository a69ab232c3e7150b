package io.spyglass.server.web;

import java.util.List;

/** A user's namespace page: the repositories the viewer may see. */
record NamespaceView(Frame frame, String name, List<RepoSummaryRow> repos) {
    NamespaceView {
        repos = List.copyOf(repos);
    }
}
