package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * All language catalogers over syft's image-pkg-coverage tree (a file for every ecosystem, plus
 * many this project does not catalog: Cargo.lock, mix.lock, rockspecs, …): each finds its own
 * packages and nothing else, and no file is reported unreadable.
 */
class LanguageCatalogersTreeTest {

    @Test
    void everyEcosystemFindsItsPackagesInTheCoverageTree() {
        Path root = ExpectedPackages.fixturesRoot().resolve("cmd/syft/internal/test/integration/testdata/image-pkg-coverage");
        List<Package> packages = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        for (Cataloger c : LanguageCatalogers.all()) {
            var result = CatalogTester.catalogTree(c, root);
            packages.addAll(result.packages());
            unknowns.addAll(result.unknowns());
        }
        Map<PackageType, Integer> counts = new TreeMap<>();
        packages.forEach(p -> counts.merge(p.type(), 1, Integer::sum));
        // read off the tree's files: 4 python dists; package-lock (1) + yarn.lock (1), the app's own
        // package.json is not a package; 2 pom.properties in the jar + the hpi and its nested jar;
        // go.mod (1); deps.json packages (12, not its 2 projects); composer.lock (2) + installed.json (3);
        // Gemfile.lock (52) + 2 gemspecs; 2 uses in the workflow (the local action is skipped)
        assertThat(counts).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                PackageType.PYPI, 4, PackageType.NPM, 2, PackageType.MAVEN, 4, PackageType.GOLANG, 1,
                PackageType.NUGET, 12, PackageType.COMPOSER, 5, PackageType.GEM, 54, PackageType.GITHUB, 2)));
        assertThat(unknowns).isEmpty();
        assertThat(packages).extracting(Package::purl).contains(
                "pkg:pypi/somerequests@3.22.0", "pkg:npm/%40babel/code-frame@7.10.4",
                "pkg:maven/io.jenkins.plugins/example-jenkins-plugin@1.0-SNAPSHOT",
                "pkg:golang/github.com/bmatcuk/doublestar@v1.3.1", "pkg:composer/psr/container@2.0.2",
                "pkg:gem/unbundler@3.1.4", "pkg:github/actions/checkout@v4");
    }
}
