package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.LanguageCatalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language catalogers inside a real walk over a layer of hostile files: each bad file is a
 * warning naming the file and its layer, and every good package beside them is still reported.
 */
class LanguageCatalogersHostileImageTest {

    @Test
    void badFilesAreWarningsNamingFileAndLayerAndGoodPackagesStay(@TempDir Path tmp) throws IOException {
        byte[] fakeGo = new byte[64 * 1024];
        new Random(3).nextBytes(fakeGo);
        byte[] magic = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(magic, 0, fakeGo, 4096, magic.length);
        fakeGo[4096 + 14] = 8;
        fakeGo[4096 + 15] = 2;
        fakeGo[4096 + 32] = (byte) 0xff; // version length: a varint far too large
        fakeGo[4096 + 33] = (byte) 0xff;
        fakeGo[4096 + 34] = 0x7f;

        TestLayout.LayerBuilder layer = new TestLayout.LayerBuilder()
                .file("usr/lib/python3/dist-packages/six-1.16.0.egg-info", "Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\n")
                .file("usr/local/bin/not-really-go", fakeGo, 0100755)
                .file("app/node_modules/left-pad/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}")
                .file("app/node_modules/broken/package.json", "{\"name\": \"broken\", \"vers")
                .file("srv/api/Api.deps.json", "{\"libraries\": [")
                .file("opt/lib/garbage.jar", "this is not a zip file".getBytes(StandardCharsets.UTF_8))
                .file("opt/lib/good-1.0.jar", jar("META-INF/maven/org.example/good/pom.properties",
                        "groupId=org.example\nartifactId=good\nversion=1.0\n"))
                .file("repo/.github/workflows/ci.yml", "jobs: [unclosed");
        TestLayout layout = new TestLayout(tmp).layer(layer, TestLayout.Compression.GZIP);
        Sbom sbom;
        try (var source = OciLayoutSource.open(layout.write(), null)) {
            sbom = new ImageCataloger(LanguageCatalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
        String layerDigest = layout.layerDigest(0);

        assertThat(sbom.packages()).extracting(Package::purl).containsExactlyInAnyOrder(
                "pkg:pypi/six@1.16.0", "pkg:npm/left-pad@1.3.0", "pkg:maven/org.example/good@1.0");
        assertThat(sbom.unknowns()).extracting(Unknown::path).containsExactlyInAnyOrder(
                "usr/local/bin/not-really-go", "app/node_modules/broken/package.json", "srv/api/Api.deps.json",
                "opt/lib/garbage.jar", "repo/.github/workflows/ci.yml");
        assertThat(sbom.unknowns()).allSatisfy(u -> {
            assertThat(u.layer()).isEqualTo(layerDigest);
            assertThat(u.message()).isNotBlank();
        });
    }

    private static byte[] jar(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
