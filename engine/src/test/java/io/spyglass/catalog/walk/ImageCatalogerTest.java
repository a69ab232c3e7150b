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

    /** The walk's result, checked to be the same whether layers are read one by one or side by side. */
    private Sbom walk(TestLayout layout) throws IOException {
        return ParallelLayerWalkTest.walkEveryWay(layout.write(), List.of(new LineCataloger()));
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
}
