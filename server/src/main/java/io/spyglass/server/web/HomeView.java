package io.spyglass.server.web;

import java.util.List;

/** The home page: the viewer's repositories and organisations, or the public repositories. */
record HomeView(Frame frame, List<RepoSummaryRow> repos, List<String> organisations) {
    HomeView {
        repos = List.copyOf(repos);
        organisations = List.copyOf(organisations);
    }
}
