package io.spyglass.catalog.php;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhpCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/php/testdata/";
    private final PhpCataloger cataloger = new PhpCataloger();

    @Test
    void globPathsOnlyComposerLockAndVendorInstalledJson() {
        assertThat(CatalogTester.wantedPaths(cataloger, ExpectedPackages.fixturesRoot().resolve(TESTDATA + "glob-paths")))
                .containsExactly("src/composer.lock");
        assertThat(cataloger.wants(new io.spyglass.catalog.FileEntry("var/www/vendor/composer/installed.json", 10, 0644))).isTrue();
    }

    @Test
    void composerLockMatchesExpectedWithoutDevPackages() {
        var section = ExpectedPackages.forFixture(TESTDATA + "composer.lock");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()), "app/composer.lock");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.packages()).extracting(Package::purl)
                .contains("pkg:composer/adoy/fastcgi-client@1.0.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"composer_1", "composer_2"})
    void installedJsonBothFormatsMatchExpected(String format) {
        var section = ExpectedPackages.forFixture(TESTDATA + "vendor/composer_{1,2}/installed.json");
        Path file = ExpectedPackages.fixturesRoot().resolve(TESTDATA + "vendor/" + format + "/installed.json");
        var result = CatalogTester.catalogFile(cataloger, file, "app/vendor/composer/installed.json");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.packages()).allSatisfy(p -> assertThat(p.licenses()).containsExactly("MIT"));
        assertThat(result.packages()).extracting(Package::purl).contains("pkg:composer/behat/mink@v1.8.1");
    }

    @Test
    void installedPackagesWinOverTheLockFileOfTheSameProject(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("srv");
        Files.createDirectories(root.resolve("app/vendor/composer"));
        Files.createDirectories(root.resolve("other"));
        Path fixtures = ExpectedPackages.fixturesRoot().resolve(TESTDATA);
        Files.copy(fixtures.resolve("composer.lock"), root.resolve("app/composer.lock"));
        Files.copy(fixtures.resolve("vendor/composer_2/installed.json"), root.resolve("app/vendor/composer/installed.json"));
        Files.copy(fixtures.resolve("composer.lock"), root.resolve("other/composer.lock"));
        var result = CatalogTester.catalogTree(cataloger, root);
        assertThat(result.packages()).extracting(p -> p.locations().get(0).path() + " " + p.name()).containsExactlyInAnyOrder(
                "app/vendor/composer/installed.json asm89/stack-cors", "app/vendor/composer/installed.json behat/mink",
                "other/composer.lock adoy/fastcgi-client", "other/composer.lock alcaeus/mongo-php-adapter");
    }

    @Test
    void malformedInstalledJsonIsAnUnknown() {
        Path broken = ExpectedPackages.fixturesRoot().resolve(TESTDATA + "glob-paths/src/installed.json");
        ParseResult r = CatalogTester.parse(cataloger, broken, "app/vendor/composer/installed.json");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement()
                .satisfies(u -> assertThat(u.path()).isEqualTo("app/vendor/composer/installed.json"));
    }

    @Test
    void entryWithoutVersionIsAnUnknownAndOthersAreKept(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("installed.json");
        Files.writeString(file, "{\"packages\": [{\"name\": \"a/b\", \"version\": \"1.0.0\"}, {\"name\": \"c/d\"}]}");
        ParseResult r = CatalogTester.parse(cataloger, file, "vendor/composer/installed.json");
        assertThat(r.packages()).extracting(Package::name).isEqualTo(List.of("a/b"));
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("c/d"));
    }

    @Test
    void composerMetadataEmbeddedInADebianPackageIsNotAnInstall() throws java.net.URISyntaxException {
        Path root = Path.of(PhpCatalogerTest.class.getResource("README.md").toURI()).getParent();
        var result = CatalogTester.catalogTree(cataloger, root);
        assertThat(result.packages()).extracting(Package::purl).containsExactly("pkg:composer/sabberworm/php-css-parser@7.0.3");
        assertThat(result.packages().get(0).locations().get(0).path()).isEqualTo("srv/app/vendor/composer/installed.json");
        assertThat(result.unknowns()).isEmpty();
    }
}
