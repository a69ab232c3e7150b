package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.testing.CatalogTester;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every language cataloger over a tree of real lock files and manifests that Debian packages and npm
 * packages ship inside themselves (see {@code stores/README.md}), with copies at application roots:
 * only the application roots' files are reported.
 */
class PackageStoresTreeTest {

    @Test
    void lockFilesInsideInstalledPackagesAreNotPackages() throws URISyntaxException {
        Path root = Path.of(PackageStoresTreeTest.class.getResource("stores").toURI());
        List<Package> packages = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        for (Cataloger c : LanguageCatalogers.all()) {
            var result = CatalogTester.catalogTree(c, root);
            packages.addAll(result.packages());
            unknowns.addAll(result.unknowns());
        }
        assertThat(unknowns).isEmpty();
        assertThat(packages).flatExtracting(Package::locations).extracting(Location::path)
                .containsOnly("srv/app/Gemfile.lock", "src/tool/go.mod", "srv/app/.github/workflows/ci.yml");
        // typeprof's lock at the application root: its GEM specs and its PATH gem
        assertThat(packages).extracting(Package::purl).contains(
                "pkg:gem/typeprof@0.21.2", "pkg:gem/rbs@2.0.0", "pkg:gem/simplecov@0.21.2",
                "pkg:golang/golang.org/x/tools@v0.1.12", "pkg:github/actions/checkout@v7.0.0");
        // rbs's steep/Gemfile.lock names steep 0.47.0; neither it nor the VS Code extension's npm
        // dependencies nor x/text's own go.mod requirements come from inside the packages
        assertThat(packages).extracting(Package::name).doesNotContain("steep", "ruby-typeprof", "golang.org/x/text");
    }

    @Test
    void theSameLockFileCountsAtAnApplicationRoot() throws URISyntaxException {
        Path lock = Path.of(PackageStoresTreeTest.class.getResource(
                "stores/usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock").toURI());
        Cataloger ruby = LanguageCatalogers.all().stream().filter(c -> c.name().equals("ruby-gem-cataloger")).findFirst().orElseThrow();
        assertThat(ruby.wants(new FileEntry("usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock", 1134, 0644))).isFalse();
        assertThat(ruby.wants(new FileEntry("app/Gemfile.lock", 1134, 0644))).isTrue();
        assertThat(CatalogTester.catalogFile(ruby, lock, "app/Gemfile.lock").nameVersions()).contains("steep\t0.47.0");
    }

    /** Every lock file and manifest kind a cataloger reads: wanted at an application root, not in a store. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "srv/app/Gemfile.lock, usr/local/bundle/gems/rbs-2.1.0/steep/Gemfile.lock",
            "srv/app/package-lock.json, usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json",
            "srv/app/yarn.lock, app/node_modules/x/yarn.lock",
            "srv/app/pnpm-lock.yaml, usr/share/nodejs/x/pnpm-lock.yaml",
            "srv/app/composer.lock, srv/app/vendor/symfony/console/composer.lock",
            "srv/app/composer.lock, usr/share/php/Symfony/Component/Console/composer.lock",
            "srv/app/Pipfile.lock, usr/lib/python3/dist-packages/x/Pipfile.lock",
            "srv/app/pdm.lock, usr/local/lib/python3.12/site-packages/x/pdm.lock",
            "srv/app/gradle.lockfile, root/.m2/repository/org/x/y/1.0/gradle.lockfile",
            "srv/app/packages.lock.json, root/.nuget/packages/x/1.0.0/packages.lock.json",
            "srv/app/packages.config, root/.nuget/packages/x/1.0.0/packages.config",
            "src/tool/go.mod, usr/share/gocode/src/golang.org/x/text/go.mod",
            "src/tool/go.mod, usr/share/doc/protobuf-compiler/examples/go/go.mod",
            "srv/app/.github/workflows/ci.yml, usr/src/billing/node_modules/fast-uri/.github/workflows/ci.yml",
            "srv/app/action.yml, app/node_modules/x/action.yml",
    })
    void everyLockFileKindIsReadOnlyOutsideStores(String appRoot, String inStore) {
        List<String> atRoot = wantedBy(appRoot);
        assertThat(atRoot).as("catalogers wanting %s", appRoot).isNotEmpty();
        assertThat(wantedBy(inStore)).as("catalogers wanting %s", inStore).isEmpty();
    }

    private static List<String> wantedBy(String path) {
        FileEntry entry = new FileEntry(path, 1000, 0644);
        return LanguageCatalogers.all().stream().filter(c -> c.wants(entry)).map(Cataloger::name).toList();
    }
}
