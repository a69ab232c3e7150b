package io.spyglass.server.web;

import java.util.List;

/** The home page: the viewer's repositories and organisations, and the other public repositories. */
record HomeView(Frame frame, List<RepoSummaryRow> repos, List<RepoSummaryRow> publicRepos, List<String> organisations,
                boolean siteAdmin) {
    HomeView {
        repos = List.copyOf(repos);
        publicRepos = List.copyOf(publicRepos);
        organisations = List.copyOf(organisations);
    }
}
