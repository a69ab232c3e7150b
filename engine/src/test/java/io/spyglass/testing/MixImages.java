package io.spyglass.testing;

import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The images {@code build-mix-image.sh OUT SEED} made (each OUT holds {@code oci/} with tag
 * {@code mix-SEED} and {@code expected.json}), catalogued exactly as {@code spyglass sbom
 * oci-dir://OUT/oci:mix-SEED} does, and compared with their ground truth.
 */
public final class MixImages {
    private MixImages() {}

    /**
     * A finished build: the script deletes its {@code .build-mix-image.done} marker first and writes
     * it last, so a build that failed or is still running is never measured half-made.
     */
    public static boolean isBuilt(Path dir) {
        return Files.isRegularFile(dir.resolve(".build-mix-image.done")) && Files.isRegularFile(dir.resolve("expected.json"))
                && Files.isRegularFile(dir.resolve("oci/index.json"));
    }

    /**
     * Every finished mix image a test should measure: the folders named by {@code -Dspyglass.mix=DIR[,DIR…]}
     * when given; otherwise {@code $SPYGLASS_CORPUS/mix*} (the seed {@code scripts/test} builds) and every
     * seed folder under {@code $SPYGLASS_MIX} (default {@code /var/tmp/mix}, where {@code bench/accuracy.sh}
     * builds), each once.
     */
    public static List<Path> all() {
        String named = System.getProperty("spyglass.mix", "");
        if (!named.isBlank()) {
            return java.util.Arrays.stream(named.split(",")).filter(s -> !s.isBlank()).map(Path::of).toList();
        }
        String env = System.getenv("SPYGLASS_MIX");
        Path benchRoot = Path.of(env != null && !env.isBlank() ? env : "/var/tmp/mix");
        java.util.LinkedHashSet<Path> dirs = new java.util.LinkedHashSet<>();
        under(SharedData.corpusRoot(), "mix").forEach(d -> dirs.add(d.toAbsolutePath().normalize()));
        under(benchRoot, "").forEach(d -> dirs.add(d.toAbsolutePath().normalize()));
        return List.copyOf(dirs);
    }

    /** The built image folders directly under {@code root} whose name starts with {@code prefix}, sorted. */
    public static List<Path> under(Path root, String prefix) {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).filter(MixImages::isBuilt).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Catalogs every image of one build folder and compares each with its truth. */
    public static List<Accuracy> measure(Path dir) {
        List<Accuracy> out = new ArrayList<>();
        for (Map.Entry<String, GroundTruth> image : GroundTruth.read(dir.resolve("expected.json")).entrySet()) {
            out.add(image.getValue().compare(sbom(dir.resolve("oci"), image.getKey())));
        }
        return out;
    }

    /**
     * What {@code spyglass sbom oci-dir://LAYOUT:TAG} catalogs (cli ImageOptions): every cataloger,
     * the default walk limits (its {@code --max-decompressed} default is the same 16 GiB), linux/amd64.
     */
    public static Sbom sbom(Path layout, String tag) {
        try (OciLayoutSource source = OciLayoutSource.open(layout, tag)) {
            return new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
