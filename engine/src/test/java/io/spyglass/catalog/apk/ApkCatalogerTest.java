package io.spyglass.catalog.apk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.ExpectedPackages;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.OciLayoutFiles;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApkCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/alpine/testdata/";
    private final ApkCataloger cataloger = new ApkCataloger();

    @Test
    void wantsTheInstalledDatabaseOnly() {
        Path root = SharedData.require("data/catalog-fixtures/" + TESTDATA + "glob-paths");
        assertThat(CatalogTester.wantedPaths(cataloger, root)).containsExactly("lib/apk/db/installed");
        assertThat(cataloger.wants(new FileEntry("lib/apk/db/installed.old", 1, 0644))).isFalse();
        assertThat(cataloger.wants(new FileEntry("lib/apk/db/triggers", 1, 0644))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multiple-1/lib/apk/db/installed", "single", "base"})
    void findsTheExpectedPackagesOfSyftsFixtures(String fixture) throws IOException {
        var section = ExpectedPackages.forFixture(TESTDATA + fixture);
        ParseResult result = parse(ExpectedPackages.fixturesRoot().resolve(section.fixture()));
        assertThat(result.unknowns()).isEmpty();
        assertThat(nameVersions(result.packages())).containsExactlyInAnyOrderElementsOf(section.packages().stream().map(l -> l.replace('\t', ' ')).toList());
    }

    @Test
    void keepsOriginLicenceAndPurl() throws IOException {
        Path file = SharedData.require("data/catalog-fixtures/" + TESTDATA + "single");
        Package musl = parse(file).packages().get(0);
        assertThat(musl.sourceName()).isEqualTo("musl");
        assertThat(musl.sourceVersion()).isEqualTo("1.1.24-r2");
        assertThat(musl.licenses()).containsExactly("MIT BSD GPL2+");
        assertThat(musl.purl()).isEqualTo("pkg:apk/alpine/musl-utils@1.1.24-r2?arch=x86_64&upstream=musl");
    }

    @Test
    void corruptRecordBecomesUnknownAndOthersAreKept() throws IOException {
        Path file = SharedData.require("data/catalog-fixtures/" + TESTDATA + "corrupt/lib/apk/db/installed");
        ParseResult result = parse(file);
        assertThat(result.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("lib/apk/db/installed");
            assertThat(u.message()).contains("line 1 is not a 'K:value' line");
        });
        assertThat(result.packages()).isNotEmpty().extracting(Package::name).contains("alpine-baselayout-data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.12.12", "3.20.3"})
    void findsEveryPackageOfTheCorpusAlpineImages(String tag, @TempDir Path tmp) throws IOException {
        Path oci = SharedData.requireCorpus("alpine/oci");
        JsonNode expected = new ObjectMapper().readTree(SharedData.requireCorpus("alpine/expected.json").toFile());
        OciLayoutFiles.extract(oci, tag, "lib/apk/db/installed"::equals, tmp);
        var result = CatalogTester.catalogTree(cataloger, tmp);

        List<String> want = new ArrayList<>();
        List<String> wantOrigins = new ArrayList<>();
        for (JsonNode p : expected.get(tag).get("packages")) {
            want.add(p.get("name").asText() + " " + p.get("version").asText());
            wantOrigins.add(p.get("name").asText() + " " + p.get("origin").asText() + " " + p.get("arch").asText());
        }
        assertThat(result.unknowns()).isEmpty();
        assertThat(nameVersions(result.packages())).isNotEmpty().containsExactlyInAnyOrderElementsOf(want);
        assertThat(result.packages()).extracting(p -> p.name() + " " + p.sourceName() + " "
                + p.purl().replaceAll(".*arch=([^&]+).*", "$1")).containsExactlyInAnyOrderElementsOf(wantOrigins);
    }

    private ParseResult parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return cataloger.parse(new FileEntry("lib/apk/db/installed", Files.size(file), 0644), in);
        }
    }

    private static List<String> nameVersions(List<Package> packages) {
        return packages.stream().map(p -> p.name() + " " + p.version()).toList();
    }
}
