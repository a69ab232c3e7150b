package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.MixImages;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gems and Python distributions of the generated mix images ({@code build-mix-image.sh}, default
 * {@code /var/tmp/mix/N}, or {@code SPYGLASS_MIX}) against their {@code expected.json}, which ruby's
 * own {@code Gem::Specification.load} and python's {@code importlib.metadata} wrote: recall and
 * precision of (name, version) at least 0.995. Debian's php-* packages carry no Composer metadata,
 * so no composer package may be reported. Seeds not built yet are skipped.
 */
class MixImagesGemPypiTest {
    private static final double MIN = 0.995;

    static Stream<Path> seeds() {
        List<Path> built = MixImages.all();
        return built.isEmpty() ? Stream.of(SharedData.corpusRoot().resolve("mix-absent")) : built.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void gemsAndPythonDistributionsMatchTheImagesOwnTools(Path seed) throws IOException {
        assumeTrue(MixImages.isBuilt(seed), "no finished mix image (scripts/test builds one under $SPYGLASS_CORPUS/mix): " + seed);
        // expected.json is {"mix-SEED": {...}}, keyed by the layout's tag
        JsonNode root = new ObjectMapper().readTree(seed.resolve("expected.json").toFile());
        String tag = root.fieldNames().next();
        JsonNode image = root.get(tag);
        Sbom sbom;
        try (ImageSource source = OciLayoutSource.open(seed.resolve("oci"), tag)) {
            sbom = new ImageCataloger(LanguageCatalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
        assertAccurate(seed, "gem", expected(image, "gem"), reported(sbom, PackageType.GEM));
        assertAccurate(seed, "pypi", expected(image, "pypi"), reported(sbom, PackageType.PYPI));
        assertThat(sbom.packages()).filteredOn(p -> p.type() == PackageType.COMPOSER).isEmpty();
    }

    private static void assertAccurate(Path seed, String type, Set<String> want, Set<String> got) {
        Set<String> found = new HashSet<>(got);
        found.retainAll(want);
        double recall = want.isEmpty() ? 1 : (double) found.size() / want.size();
        double precision = got.isEmpty() ? 1 : (double) found.size() / got.size();
        Set<String> missed = new HashSet<>(want);
        missed.removeAll(got);
        Set<String> extra = new HashSet<>(got);
        extra.removeAll(want);
        assertThat(recall).as("%s %s recall; missed %s", seed, type, missed).isGreaterThanOrEqualTo(MIN);
        assertThat(precision).as("%s %s precision; extra %s", seed, type, extra).isGreaterThanOrEqualTo(MIN);
    }

    private static Set<String> expected(JsonNode image, String type) {
        Set<String> out = new HashSet<>();
        for (JsonNode p : image.path("packages")) {
            if (p.path("type").asText().equals(type)) out.add(key(type, p.path("name").asText(), p.path("version").asText()));
        }
        return out;
    }

    private static Set<String> reported(Sbom sbom, PackageType type) {
        Set<String> out = new HashSet<>();
        String t = type == PackageType.GEM ? "gem" : "pypi";
        sbom.packages().stream().filter(p -> p.type() == type).forEach(p -> out.add(key(t, p.name(), p.version())));
        return out;
    }

    /** PEP 503 names for PyPI, as the corpus README says to compare. */
    private static String key(String type, String name, String version) {
        String n = type.equals("pypi") ? name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT) : name;
        return n + "@" + version;
    }
}
