package io.spyglass.server.web;

import io.spyglass.server.web.PackageSearch.AdvisoryPackageRow;
import io.spyglass.server.web.PackageSearch.ImagePackageRow;
import java.util.List;

/**
 * Search results: vulnerability ids, packages the advisory data names, packages in images the
 * viewer may pull, and the repositories the viewer may see.
 */
record SearchView(Frame frame, String query, String error, List<String> vulnerabilities, List<AdvisoryPackageRow> packages,
                  List<ImagePackageRow> images, List<RepoSummaryRow> repositories) {
    SearchView {
        vulnerabilities = List.copyOf(vulnerabilities);
        packages = List.copyOf(packages);
        images = List.copyOf(images);
        repositories = List.copyOf(repositories);
    }
}
