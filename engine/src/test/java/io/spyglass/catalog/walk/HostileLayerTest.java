package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Unknown;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad layers built on purpose: each gives a warning naming the file and the layer, the packages
 * of the other layers are still reported, and nothing escapes the image root.
 */
class HostileLayerTest {
    @TempDir
    Path tmp;

    private Sbom walk(TestLayout layout, WalkLimits limits) throws IOException {
        try (var source = OciLayoutSource.open(layout.write(), null)) {
            return new ImageCataloger(List.of(new LineCataloger()), limits).catalog(source, Platform.LINUX_AMD64);
        }
    }

    private static List<String> names(Sbom sbom) {
        return sbom.packages().stream().map(p -> p.name()).toList();
    }

    private static byte[] bigTar(int files, int bytesEach) throws IOException {
        TestLayout.LayerBuilder b = new TestLayout.LayerBuilder().file("first.pkgs", "early 1\n");
        for (int i = 0; i < files; i++) b.file("data/f" + i + ".bin", new byte[bytesEach]);
        return b.file("last.pkgs", "late 1\n").tar();
    }

    @Test
    void truncatedGzipAndZstdLayersKeepWhatWasReadAndNameTheLayer() throws IOException {
        byte[] tar = bigTar(4, 300_000);
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("base.pkgs", "base 1\n"), TestLayout.Compression.GZIP)
                .layer(tar, TestLayout.Compression.GZIP, 200)
                .layer(tar, TestLayout.Compression.ZSTD, 40);
        Sbom sbom = walk(layout, WalkLimits.DEFAULT);
        assertThat(names(sbom)).contains("base", "early").doesNotContain("late");
        assertThat(sbom.unknowns()).hasSize(2);
        assertThat(sbom.unknowns()).extracting(Unknown::layer).containsExactlyInAnyOrder(layout.layerDigest(1), layout.layerDigest(2));
        assertThat(sbom.unknowns()).allSatisfy(u -> assertThat(u.message()).startsWith("layer unreadable"));
    }

    @Test
    void entriesClimbingOutOfTheRootAreSkippedWithAWarning() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder()
                        .file("../../escape.pkgs", "evil 1\n")
                        .file("a/../../escape2.pkgs", "evil 2\n")
                        .file("/abs/ok.pkgs", "absolute 1\n")
                        .file("./dot/ok.pkgs", "dotted 1\n"), TestLayout.Compression.GZIP);
        Sbom sbom = walk(layout, WalkLimits.DEFAULT);
        assertThat(names(sbom)).containsExactly("absolute", "dotted");
        assertThat(sbom.packages()).extracting(p -> p.locations().get(0).path()).containsExactly("abs/ok.pkgs", "dot/ok.pkgs");
        assertThat(sbom.unknowns()).extracting(Unknown::path).containsExactlyInAnyOrder("../../escape.pkgs", "a/../../escape2.pkgs");
        assertThat(sbom.unknowns()).allSatisfy(u -> {
            assertThat(u.message()).contains("leaves the image root");
            assertThat(u.layer()).isEqualTo(layout.layerDigest(0));
        });
    }

    @Test
    void linksLeavingTheRootAreNotFollowed() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder()
                        .file("real.pkgs", "real 1\n")
                        .symlink("etc/os-release", "../../../../etc/os-release")
                        .hardlink("hard.pkgs", "../../outside.pkgs"), TestLayout.Compression.GZIP);
        Sbom sbom = walk(layout, WalkLimits.DEFAULT);
        assertThat(names(sbom)).containsExactly("real");
        assertThat(sbom.distro().isKnown()).isFalse();
        assertThat(sbom.unknowns()).extracting(Unknown::path).containsExactlyInAnyOrder("etc/os-release", "hard.pkgs");
        assertThat(sbom.unknowns()).allSatisfy(u -> assertThat(u.message()).contains("leaves the image root"));
    }

    @Test
    void decompressionBombIsStoppedByRatioNamingFileAndLayer() throws IOException {
        // 24 MB of zeros gzip to ~24 KB (1000:1); with the ratio floor at 1 MB the bomb is caught early
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("base.pkgs", "base 1\n"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().file("zeros.bin", new byte[24 << 20]).file("after.pkgs", "after 1\n"),
                        TestLayout.Compression.GZIP);
        Sbom sbom = walk(layout, WalkLimits.DEFAULT.withRatio(200, 1 << 20));
        assertThat(names(sbom)).containsExactly("base");
        assertThat(sbom.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.layer()).isEqualTo(layout.layerDigest(1));
            assertThat(u.path()).isEqualTo("zeros.bin");
            assertThat(u.message()).contains("decompression ratio", "exceeds the limit of 200:1");
        });
    }

    @Test
    void totalDecompressedBytesAreBounded() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("base.pkgs", "base 1\n"), TestLayout.Compression.NONE)
                .layer(bigTar(8, 1 << 20), TestLayout.Compression.ZSTD, 0);
        Sbom sbom = walk(layout, WalkLimits.DEFAULT.withMaxTotalBytes(4 << 20));
        assertThat(names(sbom)).contains("base", "early").doesNotContain("late");
        assertThat(sbom.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.layer()).isEqualTo(layout.layerDigest(1));
            assertThat(u.message()).contains("exceeds the limit of 4194304 bytes");
        });
    }
}
