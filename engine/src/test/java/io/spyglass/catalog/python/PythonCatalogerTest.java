package io.spyglass.catalog.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/python/testdata/";
    private final PythonCataloger cataloger = new PythonCataloger();

    @Test
    void globPaths() {
        Path root = ExpectedPackages.fixturesRoot().resolve(TESTDATA + "glob-paths");
        assertThat(CatalogTester.wantedPaths(cataloger, root)).containsExactly(
                "site-packages/v.DIST-INFO/METADATA",
                "site-packages/w.EGG-INFO/PKG-INFO",
                "site-packages/x.dist-info/METADATA",
                "site-packages/y.egg-info/PKG-INFO",
                "site-packages/z.egg-info",
                "src/Pipfile.lock",
                "src/pdm.lock");
    }

    @Test
    void wantsOnlyMetadataFiles() {
        assertThat(cataloger.wants(entry("usr/lib/python3/dist-packages/six-1.16.0.egg-info"))).isTrue();
        assertThat(cataloger.wants(entry("x/requests-2.28.1.dist-info/RECORD"))).isFalse();
        assertThat(cataloger.wants(entry("x/requests-2.28.1.egg-info/top_level.txt"))).isFalse();
        assertThat(cataloger.wants(entry("METADATA"))).isFalse();
    }

    @Test
    void onlyDistributionsDirectlyOnASitePathAreInstalled() {
        // setuptools >= 70 vendors its dependencies with their .dist-info (setuptools-75.8.0 wheel);
        // python's importlib.metadata does not see them, they are part of setuptools
        assertThat(cataloger.wants(entry("usr/local/lib/python3.12/site-packages/setuptools-75.8.0.dist-info/METADATA"))).isTrue();
        assertThat(cataloger.wants(entry(
                "usr/local/lib/python3.12/site-packages/setuptools/_vendor/packaging-24.2.dist-info/METADATA"))).isFalse();
        assertThat(cataloger.wants(entry("usr/lib/python3/dist-packages/foo/tests/data/bar-1.0.egg-info"))).isFalse();
        // an egg folder is its own sys.path entry (easy-install.pth)
        assertThat(cataloger.wants(entry(
                "usr/lib/python3/dist-packages/foo-1.0-py3.11.egg/EGG-INFO/PKG-INFO"))).isTrue();
        // pip install --target: no site folder, so every metadata folder counts
        assertThat(cataloger.wants(entry("app/deps/requests-2.31.0.dist-info/METADATA"))).isTrue();
    }

    @Test
    void debianPythonPyVendoredDistributionsAreNotInstalled() throws java.net.URISyntaxException {
        Path root = Path.of(PythonCatalogerTest.class.getResource("python3-py").toURI());
        var result = CatalogTester.catalogTree(cataloger, root);
        assertThat(result.nameVersions()).containsExactly("py\t1.11.0");
        assertThat(result.unknowns()).isEmpty();
    }

    @Test
    void lockFilesInsideInstalledPackagesAreNotRead() {
        assertThat(cataloger.wants(entry("usr/lib/python3/dist-packages/foo/Pipfile.lock"))).isFalse();
        assertThat(cataloger.wants(entry("opt/venv/lib/python3.11/site-packages/foo/pdm.lock"))).isFalse();
        assertThat(cataloger.wants(entry("srv/app/Pipfile.lock"))).isTrue();
    }

    @Test
    void nestedSitePackagesMatchExpected() {
        var section = ExpectedPackages.forFixture(TESTDATA + "site-packages/nested");
        Path root = ExpectedPackages.fixturesRoot().resolve(section.fixture());
        var result = CatalogTester.catalogTree(cataloger, root);
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        Package pygments = result.packages().stream().filter(p -> p.name().equals("pygments")).findFirst().orElseThrow();
        assertThat(pygments.purl()).isEqualTo("pkg:pypi/pygments@2.6.1");
        assertThat(pygments.licenses()).containsExactly("BSD License");
        assertThat(pygments.locations().get(0).path()).isEqualTo("dist-name/dist-info/METADATA");
    }

    @Test
    void imagePkgCoverageTree() {
        Path root = ExpectedPackages.fixturesRoot()
                .resolve("cmd/syft/internal/test/integration/testdata/image-pkg-coverage/pkgs/python");
        var result = CatalogTester.catalogTree(cataloger, root);
        assertThat(result.nameVersions()).containsExactlyInAnyOrder(
                "requests\t2.22.0", "someotherpkg\t3.19.0", "somerequests\t3.22.0", "pygments\t2.6.1");
        assertThat(result.unknowns()).isEmpty();
    }

    @Test
    void namesAreNormalisedPerPep503() throws IOException {
        ParseResult r = parse("x/Foo_Bar.Baz-1.0.dist-info/METADATA",
                "Metadata-Version: 2.4\nName: Foo__Bar..Baz\nVersion: 1.0\nLicense-Expression: MIT OR Apache-2.0\n\nbody\nName: nope\n");
        Package p = r.packages().get(0);
        assertThat(p.name()).isEqualTo("foo-bar-baz");
        assertThat(p.purl()).isEqualTo("pkg:pypi/foo-bar-baz@1.0");
        assertThat(p.licenses()).containsExactly("MIT OR Apache-2.0");
    }

    @Test
    void licenseFromClassifiersWhenNoLicenseField() throws IOException {
        ParseResult r = parse("a.dist-info/METADATA",
                "Name: a\nVersion: 1\nClassifier: License :: OSI Approved :: MIT License\nClassifier: Topic :: X\n");
        assertThat(r.packages().get(0).licenses()).containsExactly("MIT License");
    }

    @Test
    void metadataWithoutNameIsAnUnknownNamingTheFile() throws IOException {
        ParseResult r = parse("site/broken.dist-info/METADATA", "Version: 1.0\n");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("site/broken.dist-info/METADATA");
            assertThat(u.message()).contains("Name");
        });
    }

    private ParseResult parse(String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return cataloger.parse(new FileEntry(path, bytes.length, 0644), new ByteArrayInputStream(bytes));
    }

    private static FileEntry entry(String path) {
        return new FileEntry(path, 10, 0644);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pdm-lock/pdm.lock", "pipfile-lock/Pipfile.lock"})
    void lockFilesMatchExpected(String file) {
        var section = ExpectedPackages.forFixture(TESTDATA + file);
        String name = file.substring(file.indexOf('/') + 1);
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()), "app/" + name);
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.unknowns()).isEmpty();
    }

    @Test
    void pipfileDevelopSectionIsLeftOut() {
        var result = CatalogTester.catalogFile(cataloger,
                ExpectedPackages.fixturesRoot().resolve(TESTDATA + "pipfile-lock/Pipfile.lock"), "Pipfile.lock");
        assertThat(result.packages()).extracting(Package::name).doesNotContain("astroid", "autopep8");
    }

    @Test
    void installedDistributionsWinOverLockFileEntries() {
        Package installed = PythonPackages.create("requests", "2.28.1", List.of(), "usr/lib/python3/dist-packages/requests-2.28.1.egg-info");
        Package locked = PythonPackages.create("Requests", "2.27.1", List.of(), "app/pdm.lock");
        Package lockOnly = PythonPackages.create("idna", "2.7", List.of(), "app/pdm.lock");
        assertThat(cataloger.select(List.of(installed, locked, lockOnly))).containsExactly(installed, lockOnly);
    }
}
