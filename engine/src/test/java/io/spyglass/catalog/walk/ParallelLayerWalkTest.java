package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ArchiveSource;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Layers read side by side give the same SBOM as layers read one by one: each upper layer is
 * walked ahead of its lower layers (deferring what it cannot know yet) and settled at its end.
 */
class ParallelLayerWalkTest {
    @TempDir
    Path tmp;

    /** Walks in order, side by side with every upper layer ahead of its lower ones, and by default; all must agree. */
    static Sbom walkEveryWay(Path layout, List<Cataloger> catalogers) throws IOException {
        Sbom inOrder = walk(() -> OciLayoutSource.open(layout, null), new ImageCataloger(catalogers, WalkLimits.DEFAULT, 1, true));
        assertSame(inOrder, walk(() -> OciLayoutSource.open(layout, null), new ImageCataloger(catalogers, WalkLimits.DEFAULT, 3, false)));
        assertSame(inOrder, walk(() -> OciLayoutSource.open(layout, null), new ImageCataloger(catalogers, WalkLimits.DEFAULT)));
        return inOrder;
    }

    private interface Opener {
        ImageSource open() throws IOException;
    }

    private static Sbom walk(Opener opener, ImageCataloger cataloger) throws IOException {
        try (ImageSource source = opener.open()) {
            return cataloger.catalog(source, Platform.LINUX_AMD64);
        }
    }

    private static void assertSame(Sbom expected, Sbom actual) {
        assertThat(actual.packages()).containsExactlyElementsOf(expected.packages());
        assertThat(actual.unknowns()).containsExactlyElementsOf(expected.unknowns());
        assertThat(actual.distro()).isEqualTo(expected.distro());
    }

    private static List<String> paths(Sbom sbom) {
        return sbom.packages().stream().map(p -> p.name() + "@" + p.locations().get(0).path()).toList();
    }

    @Test
    void upperLayerReplacesLowerFilesWithDirectoriesPipesAndUnreadFiles() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder()
                        .file("a.pkgs", "a 1\n").file("b.pkgs", "b 1\n").file("c.pkgs", "c 1\n")
                        .file("kept/d.pkgs", "d 1\n").symlink("link.pkgs", "a.pkgs"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder()
                        .dir("a.pkgs")          // a directory where a file was
                        .fifo("b.pkgs")         // a pipe where a file was
                        .file("c.pkgs/x", "?")  // unread file below a path that was a file
                        .file("kept", "plain")  // unread file over a directory of read files
                        .dir("unrelated").file("unrelated/readme", "nothing to read"), TestLayout.Compression.GZIP);
        Sbom sbom = walkEveryWay(layout.write(), List.of(new LineCataloger()));
        assertThat(paths(sbom)).containsExactly("c@c.pkgs");
    }

    @Test
    void hardLinksToLowerLayersAndToUnreadFilesOfTheSameLayer() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("base.pkgs", "base 1\n").file("old.pkgs", "old 1\n"),
                        TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder()
                        .file("notes.txt", "unread")
                        .hardlink("old.pkgs", "notes.txt")      // a link to an unread file, over a lower package file
                        .hardlink("again.pkgs", "base.pkgs")    // a link into the lower layer
                        .file("new.pkgs", "new 1\n").hardlink("copy.pkgs", "new.pkgs"), TestLayout.Compression.ZSTD);
        Sbom sbom = walkEveryWay(layout.write(), List.of(new LineCataloger()));
        assertThat(paths(sbom)).containsExactly("base@again.pkgs", "base@base.pkgs", "new@copy.pkgs", "new@new.pkgs", "old@old.pkgs");
        // a hard link to a file nobody read cannot say what it holds: the lower file stays, with a warning
        assertThat(sbom.unknowns()).extracting(u -> u.path()).containsExactly("old.pkgs");
    }

    @Test
    void aPathTwiceInOneLayerKeepsTheLaterEntry() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("twice.pkgs", "low 1\n").file("gone/x.pkgs", "gone 1\n"),
                        TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder()
                        .file("gone/child", "unread").file("gone", "an unread file over the directory")
                        .dir("twice.pkgs").file("twice.pkgs", "high 1\n"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().file("top.pkgs", "top 1\n"), TestLayout.Compression.NONE);
        Sbom sbom = walkEveryWay(layout.write(), List.of(new LineCataloger()));
        assertThat(paths(sbom)).containsExactlyInAnyOrder("top@top.pkgs", "high@twice.pkgs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian/oci", "alpine/alpine-3.20.3.docker.tar", "rpm/el9-sqlite.docker.tar", "arch/arch.docker.tar"})
    void corpusImagesGiveTheSameSbomEveryWay(String image) throws IOException {
        Path path = SharedData.requireCorpus(image);
        Opener opener = image.endsWith("/oci") ? () -> OciLayoutSource.open(path, "bookworm") : () -> ArchiveSource.open(path);
        List<Cataloger> all = Catalogers.all();
        Sbom inOrder = walk(opener, new ImageCataloger(all, WalkLimits.DEFAULT, 1, true));
        assertThat(inOrder.packages()).extracting(Package::name).isNotEmpty();
        assertSame(inOrder, walk(opener, new ImageCataloger(all, WalkLimits.DEFAULT, 2, false)));
    }
}
