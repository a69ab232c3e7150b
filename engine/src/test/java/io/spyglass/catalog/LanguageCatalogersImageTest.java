package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The language catalogers over the corpus Debian image, walked by the engine's own layer walker
 * (whiteouts applied), compared with the image's expected.json.
 */
class LanguageCatalogersImageTest {
    private static JsonNode expected;
    private static Sbom result;

    @BeforeAll
    static void catalogImage() throws IOException {
        Path dir = SharedData.requireCorpus("debian");
        expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        try (ImageSource source = OciLayoutSource.open(dir.resolve("oci"), "bookworm")) {
            result = new ImageCataloger(LanguageCatalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
    }

    private static List<Package> ofType(PackageType type) {
        return result.packages().stream().filter(p -> p.type() == type).toList();
    }

    @Test
    void everyLanguagePackageComesFromTheSecondLayer() {
        // the corpus build adds all language packages in layer 2 (python, Go, jars, node_modules)
        String second = result.image().layers().get(1).digest().toString();
        assertThat(result.packages()).filteredOn(p -> !p.type().isOsPackage()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.locations().get(0).layer()).isEqualTo(second));
    }

    /** {@code x.dist-info/METADATA} → {@code x.dist-info}; a bare {@code x.egg-info} file is its own dist dir. */
    private static String distDir(String path) {
        return path.endsWith("-info") ? path : path.substring(0, path.lastIndexOf('/'));
    }

    @Test
    void pythonDistributionsMatchExpected() {
        List<String> want = new ArrayList<>();
        for (JsonNode d : expected.path("python")) {
            String dir = d.path("dir").asText();
            String base = dir.substring(dir.lastIndexOf('/') + 1).replaceAll("\\.(dist|egg)-info$", "");
            int dash = base.indexOf('-');
            String name = base.substring(0, dash).replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
            want.add(name + "\t" + base.substring(dash + 1) + "\t" + dir.substring(1));
        }
        List<String> got = ofType(PackageType.PYPI).stream()
                .map(p -> p.name() + "\t" + p.version() + "\t" + distDir(p.locations().get(0).path())).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void installedNodeModulesMatchExpectedAndTheLockFileIsNotCountedTwice() {
        List<String> want = new ArrayList<>();
        for (JsonNode n : expected.path("npm")) {
            // expected.json lists package-lock "packages" keys of /app
            want.add("app/" + n.path("path").asText() + "/package.json\t" + n.path("version").asText());
        }
        List<String> got = ofType(PackageType.NPM).stream()
                .map(p -> p.locations().get(0).path() + "\t" + p.version()).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void jarsAndNestedJarsMatchExpectedPomProperties() {
        List<String> want = new ArrayList<>();
        for (JsonNode j : expected.path("java")) {
            // expected.json writes nested jars as outer.jar!/inner.jar; Spyglass as outer.jar:inner.jar
            String location = j.path("file").asText().substring(1).replace("!/", ":");
            want.add(location + "\tpkg:maven/" + j.path("groupId").asText() + "/" + j.path("artifactId").asText()
                    + "@" + j.path("version").asText());
        }
        List<String> got = ofType(PackageType.MAVEN).stream()
                .map(p -> p.locations().get(0).path() + "\t" + p.purl()).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void goBinariesMatchExpectedBuildInfo() {
        List<String> want = new ArrayList<>();
        for (JsonNode g : expected.path("go")) {
            String file = g.path("file").asText().substring(1);
            want.add(file + "\tstdlib\t" + g.path("go").asText());
            // a module-mode build names its main module in a mod line (devel); a GOPATH build only its path
            want.add(file + "\t" + g.path("main").asText() + "\t(devel)");
            for (JsonNode d : g.path("deps")) {
                want.add(file + "\t" + d.path("module").asText() + "\t" + d.path("version").asText());
            }
        }
        List<String> got = ofType(PackageType.GOLANG).stream()
                .map(p -> p.locations().get(0).path() + "\t" + p.name() + "\t" + p.version()).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
        assertThat(result.unknowns()).isEmpty();
    }
}
