package io.spyglass.catalog.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.MixImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mix images of {@code shared/corpus/build-mix-image.sh} (their layer 2 installs Debian node-*
 * and libjs-* packages), walked by the engine's layer walker with the npm cataloger alone, against
 * each image's {@code expected.json}: every module at a Debian node root (and every node_modules
 * package nested in one) is reported once, at its path, from layer 2, and nothing else there is.
 * Seeds: every finished {@code /var/tmp/mix/N} ({@code SPYGLASS_MIX} overrides the folder).
 */
class DebianNodeModulesMixImageTest {
    private static final Pattern DEBIAN_ROOT =
            Pattern.compile("^usr/(share/nodejs|lib/nodejs|lib/[a-z0-9_]+-linux-[a-z0-9_]+/nodejs)/.*");

    static Stream<Path> seeds() {
        List<Path> built = MixImages.all();
        return built.isEmpty() ? Stream.of((Path) null) : built.stream();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void debianNodeModulesMatchTheGroundTruth(Path dir) throws IOException {
        assumeTrue(dir != null, "no finished mix image (scripts/test builds one under $SPYGLASS_CORPUS/mix)");
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        String tag = truth.fieldNames().next();
        JsonNode image = truth.path(tag);
        List<String> expected = new ArrayList<>();
        for (JsonNode p : image.path("packages")) {
            String path = p.path("path").asText().replaceFirst("^/", "");
            if (p.path("type").asText().equals("npm") && DEBIAN_ROOT.matcher(path).matches()) {
                expected.add(p.path("name").asText() + "@" + p.path("version").asText() + " " + path);
            }
        }
        Sbom sbom;
        try (ImageSource source = OciLayoutSource.open(dir.resolve("oci"), tag)) {
            sbom = new ImageCataloger(List.of(new NpmCataloger()), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
        String layer2 = sbom.image().layers().get(1).digest().toString();
        List<String> reported = new ArrayList<>();
        for (Package p : sbom.packages()) {
            if (p.type() != PackageType.NPM) continue;
            for (Location l : p.locations()) {
                if (!DEBIAN_ROOT.matcher(l.path()).matches()) continue;
                reported.add(p.name() + "@" + p.version() + " " + l.path());
                assertThat(l.layer()).as(l.path()).isEqualTo(layer2);
            }
        }
        assertThat(reported).as(tag).containsExactlyInAnyOrderElementsOf(expected);
    }
}
