package io.spyglass.catalog.alpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.ExpectedPackages;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlpmCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/arch/testdata/";
    private final AlpmCataloger cataloger = new AlpmCataloger();

    @Test
    void wantsOneDescPerInstalledPackage() {
        Path root = SharedData.require("data/catalog-fixtures/" + TESTDATA + "glob-paths");
        assertThat(CatalogTester.wantedPaths(cataloger, root)).containsExactly(
                "var/lib/pacman/local/base-1.0/desc", "var/lib/pacman/local/dive-0.10.0/desc");
        assertThat(cataloger.wants(new FileEntry("var/lib/pacman/local/desc", 1, 0644))).isFalse();
        assertThat(cataloger.wants(new FileEntry("var/lib/pacman/sync/core/x-1/desc", 1, 0644))).isFalse();
    }

    @Test
    void findsTheExpectedPackagesAndReportsTheCorruptDesc() {
        var section = ExpectedPackages.forFixture(TESTDATA + "installed/var/lib/pacman/local/*/desc");
        Path root = SharedData.require("data/catalog-fixtures/" + TESTDATA + "installed");
        var result = CatalogTester.catalogTree(cataloger, root);
        assertThat(nameVersions(result.packages())).containsExactlyInAnyOrderElementsOf(section.packages().stream().map(l -> l.replace('\t', ' ')).toList());
        assertThat(result.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("var/lib/pacman/local/corrupt-0.2.1-3/desc");
            assertThat(u.message()).contains("expected a %KEY% line", "%VER.6-1");
        });
        Package emacs = result.packages().stream().filter(p -> p.name().equals("emacs")).findFirst().orElseThrow();
        assertThat(emacs.licenses()).containsExactly("GPL3");
        assertThat(emacs.sourceName()).isEqualTo("emacs");
        assertThat(emacs.purl()).isEqualTo("pkg:alpm/arch/emacs@29.3-3?arch=x86_64&upstream=emacs");
    }

    @Test
    void findsEveryPackageOfTheCorpusArchImageWithEpochs() throws IOException {
        Path root = SharedData.requireCorpus("arch/rootfs");
        JsonNode expected = new ObjectMapper().readTree(SharedData.requireCorpus("arch/expected.json").toFile());
        List<String> want = new ArrayList<>();
        for (JsonNode p : expected.get("arch").get("packages")) {
            want.add(p.get("name").asText() + " " + p.get("version").asText());
        }
        var result = CatalogTester.catalogTree(cataloger, root);
        assertThat(result.unknowns()).isEmpty();
        // zlib 1:1.2.12-1 is safe to pin: build-arch-fixture.sh makepkgs it from its own PKGBUILD
        assertThat(nameVersions(result.packages())).contains("zlib 1:1.2.12-1").containsExactlyInAnyOrderElementsOf(want);
    }

    private static List<String> nameVersions(List<Package> packages) {
        return packages.stream().map(p -> p.name() + " " + p.version()).toList();
    }
}
