package io.spyglass.server.web;

import java.util.List;

/** Search results: vulnerability ids and the repositories the viewer may see. */
record SearchView(Frame frame, String query, List<String> vulnerabilities, List<RepoSummaryRow> repositories) {
    SearchView {
        vulnerabilities = List.copyOf(vulnerabilities);
        repositories = List.copyOf(repositories);
    }
}
