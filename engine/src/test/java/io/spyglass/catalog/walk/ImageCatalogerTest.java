package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer semantics on images built here: origin layer, whiteouts, opaque dirs, links, distro purls. */
class ImageCatalogerTest {
    @TempDir
    Path tmp;

    private Sbom walk(TestLayout layout) throws IOException {
        try (OciLayoutSource source = OciLayoutSource.open(layout.write(), null)) {
            return new ImageCataloger(List.of(new LineCataloger()), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
    }

    private static List<String> paths(Sbom sbom) {
        return sbom.packages().stream().map(p -> p.name() + "@" + p.locations().get(0).path()).toList();
    }

    private static Package pkg(Sbom sbom, String name) {
        return sbom.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(Sbom sbom) {
        return sbom.packages().stream().map(p -> p.name() + "@" + p.version()).toList();
    }

    @Test
    void packageKeepsTheLayerWhereItFirstAppeared() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("var/lib/db.pkgs", "a 1\nb 1\n"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().file("var/lib/db.pkgs", "a 1\nb 2\nc 1\n"), TestLayout.Compression.ZSTD)
                .layer(new TestLayout.LayerBuilder().file("var/lib/db.pkgs", "a 1\nb 2\nc 1\n"), TestLayout.Compression.NONE);
        Sbom sbom = walk(layout);
        assertThat(names(sbom)).containsExactly("a@1", "b@2", "c@1");
        assertThat(pkg(sbom, "a").locations().get(0).layer()).isEqualTo(layout.layerDigest(0));
        assertThat(pkg(sbom, "b").locations().get(0).layer()).isEqualTo(layout.layerDigest(1)); // upgraded in layer 2
        assertThat(pkg(sbom, "c").locations().get(0).layer()).isEqualTo(layout.layerDigest(1));
        assertThat(sbom.unknowns()).isEmpty();
    }

    @Test
    void whiteoutAndOpaqueDirectoryRemoveLowerFilesOnly() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder()
                        .file("gone/x.pkgs", "gone 1\n")
                        .file("opaque/old.pkgs", "old 1\n")
                        .file("kept.pkgs", "kept 1\n")
                        .file("readded.pkgs", "readded 1\n"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder()
                        .file("opaque/new.pkgs", "new 1\n") // same layer as the opaque marker: stays
                        .file("opaque/.wh..wh..opq", "")
                        .file(".wh.gone", "")
                        .file(".wh.readded.pkgs", ""), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().file("readded.pkgs", "readded 1\n"), TestLayout.Compression.GZIP);
        Sbom sbom = walk(layout);
        assertThat(names(sbom)).containsExactly("kept@1", "new@1", "readded@1");
        // deleted in layer 2, back in layer 3: it first appears in the final filesystem in layer 3
        assertThat(pkg(sbom, "readded").locations().get(0).layer()).isEqualTo(layout.layerDigest(2));
    }

    @Test
    void fileReplacedByUnreadFileOrDirectoryContributesNothing() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("a.pkgs", "a 1\n").file("d/b.pkgs", "b 1\n"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().symlink("a.pkgs", "elsewhere").file("d", "now a file"), TestLayout.Compression.GZIP);
        assertThat(walk(layout).packages()).isEmpty();
    }

    @Test
    void osPurlsGetTheDistroAndHardLinksTheirOwnPath() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder()
                        .file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\n")
                        .symlink("etc/os-release", "../usr/lib/os-release")
                        .file("db.pkgs", "bash 5.2\n")
                        .hardlink("copy.pkgs", "db.pkgs"), TestLayout.Compression.GZIP);
        Sbom sbom = walk(layout);
        assertThat(sbom.distro().id()).isEqualTo("debian");
        assertThat(sbom.distro().codename()).isEqualTo("bookworm");
        assertThat(sbom.packages()).extracting(Package::purl)
                .containsOnly("pkg:deb/debian/bash@5.2?arch=amd64&distro=debian-12");
        assertThat(sbom.packages()).extracting(p -> p.locations().get(0).path()).containsExactly("copy.pkgs", "db.pkgs");
    }

    @Test
    void catalogerFailureIsAnUnknownOnlyWhileItsFileExists() throws IOException {
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("bad.pkgs", "FAIL\n").file("later.pkgs", "FAIL\n")
                        .file("good.pkgs", "good 1\n"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().file(".wh.later.pkgs", ""), TestLayout.Compression.GZIP);
        Sbom sbom = walk(layout);
        assertThat(names(sbom)).containsExactly("good@1");
        assertThat(sbom.unknowns()).extracting(Unknown::path).containsExactly("bad.pkgs");
        assertThat(sbom.unknowns().get(0).layer()).isEqualTo(layout.layerDigest(0));
        assertThat(sbom.unknowns().get(0).message()).contains("line-cataloger failed", "corrupt line");
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
        Sbom sbom = walk(layout);
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
        Sbom sbom = walk(layout);
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
        Sbom sbom = walk(layout);
        assertThat(paths(sbom)).containsExactlyInAnyOrder("top@top.pkgs", "high@twice.pkgs");
    }
}
