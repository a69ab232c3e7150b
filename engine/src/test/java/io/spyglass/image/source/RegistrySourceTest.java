package io.spyglass.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.TestLayouts;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Image;
import io.spyglass.image.Layer;
import io.spyglass.image.Platform;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pulls through a real registry (distribution 2.8) what skopeo pushed. */
class RegistrySourceTest {
    private static Path work;
    private static LocalRegistry open;
    private static LocalRegistry locked;

    @BeforeAll
    static void start() throws IOException {
        LocalRegistry.assumeAvailable();
        SharedData.requireCorpus("alpine/oci");
        work = Files.createTempDirectory("spyglass-registry-test");
        open = LocalRegistry.start(work.resolve("open"), null, null);
        locked = LocalRegistry.start(work.resolve("locked"), "alice", "s3cret-pw");
    }

    @AfterAll
    static void stop() throws IOException {
        if (open != null) open.close();
        if (locked != null) locked.close();
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Sbom sbom(ImageSource source, Platform platform) throws IOException {
        try (source) {
            return new ImageCataloger(List.of(), WalkLimits.DEFAULT).catalog(source, platform);
        }
    }

    @Test
    void pullsByTagAndByDigestTheSameImageAsTheLayout() throws IOException {
        Path layout = SharedData.requireCorpus("alpine/oci");
        String digest = open.push(layout + ":3.20.3", "corpus/alpine:3.20.3", false, null, null);
        Sbom fromLayout = sbom(OciLayoutSource.open(layout, "3.20.3"), Platform.LINUX_AMD64);
        Sbom byTag = sbom(ImageReference.parse("registry://" + open.host() + "/corpus/alpine:3.20.3").open(RegistryOptions.ANONYMOUS),
                Platform.LINUX_AMD64);
        Sbom byDigest = sbom(ImageReference.parse("registry://" + open.host() + "/corpus/alpine@" + digest).open(RegistryOptions.ANONYMOUS),
                Platform.LINUX_AMD64);
        assertThat(byTag.image().digest().toString()).isEqualTo(digest);
        assertThat(byDigest.image().digest()).isEqualTo(byTag.image().digest());
        assertThat(byTag.image().layers()).isEqualTo(fromLayout.image().layers());
        assertThat(byTag.distro()).isEqualTo(fromLayout.distro());
        assertThat(byTag.distro().versionId()).isEqualTo("3.20.3");
        assertThat(byTag.unknowns()).isEmpty();
    }

    @Test
    void multiPlatformIndexChoosesThePlatform() throws IOException {
        Path layout = TestLayouts.multiPlatform(work.resolve("multi"), List.of("linux/amd64", "linux/arm64/v8"));
        open.push(layout + ":latest", "test/multi:1", true, null, null);
        ImageSource source = ImageReference.parse("registry://" + open.host() + "/test/multi:1").open(RegistryOptions.ANONYMOUS);
        try (source) {
            Image arm = source.resolve(Platform.parse("linux/arm64"));
            assertThat(arm.platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
            assertThat(arm.otherPlatforms()).containsExactly(Platform.LINUX_AMD64);
            assertThatThrownBy(() -> source.resolve(Platform.parse("linux/s390x")))
                    .hasMessageContaining("available: linux/amd64, linux/arm64/v8");
        }
    }

    @Test
    void aLayerThatDoesNotMatchItsDigestIsIgnoredWithAWarning() throws IOException {
        Path layout = TestLayouts.multiPlatform(work.resolve("tamper"), List.of("linux/amd64"));
        open.push(layout + ":latest", "test/tampered:1", false, null, null);
        ImageReference ref = ImageReference.parse("registry://" + open.host() + "/test/tampered:1");
        Layer layer;
        try (ImageSource source = ref.open(RegistryOptions.ANONYMOUS)) {
            layer = source.resolve(Platform.LINUX_AMD64).layers().get(0);
        }
        // other content of the same size (the registry keeps serving the size it recorded):
        // a valid gzip tar whose os-release says "evil", padded with zeros (gzip ignores trailing bytes)
        byte[] evil = TestLayouts.gzipTar("etc/os-release", "ID=evil\nVERSION_ID=1\n");
        assertThat(evil.length).isLessThan((int) layer.size());
        Files.write(open.blobData(layer.digest().toString()), java.util.Arrays.copyOf(evil, (int) layer.size()));
        Sbom sbom = sbom(ref.open(RegistryOptions.ANONYMOUS), Platform.LINUX_AMD64);
        assertThat(sbom.distro().isKnown()).as("distro %s, unknowns %s", sbom.distro(), sbom.unknowns()).isFalse();
        assertThat(sbom.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.layer()).isEqualTo(layer.digest().toString());
            assertThat(u.message()).contains("layer ignored", "does not match its digest");
        });
    }

    @Test
    void missingTagIsNamed() {
        ImageSource source = ImageReference.parse("registry://" + open.host() + "/corpus/none:nope").open(RegistryOptions.ANONYMOUS);
        assertThatThrownBy(() -> source.resolve(Platform.LINUX_AMD64))
                .isInstanceOf(ImageSourceException.class)
                .hasMessageContaining("manifest nope not found");
    }

    @Test
    void basicCredentialsAreRequiredAndUsed() throws IOException {
        Path layout = SharedData.requireCorpus("alpine/oci");
        locked.push(layout + ":3.12.12", "corpus/alpine:3.12.12", false, "alice", "s3cret-pw");
        ImageReference ref = ImageReference.parse("registry://" + locked.host() + "/corpus/alpine:3.12.12");
        assertThatThrownBy(() -> ref.open(RegistryOptions.ANONYMOUS).resolve(Platform.LINUX_AMD64))
                .hasMessageContaining("requires credentials")
                .hasMessageContaining("SPYGLASS_REGISTRY_USER");
        assertThatThrownBy(() -> ref.open(new RegistryOptions(false, "alice", "wrong")).resolve(Platform.LINUX_AMD64))
                .hasMessageContaining("denied");
        Sbom sbom = sbom(ref.open(new RegistryOptions(false, "alice", "s3cret-pw")), Platform.LINUX_AMD64);
        assertThat(sbom.distro().versionId()).isEqualTo("3.12.12");
        assertThat(sbom.image().layers()).extracting(Layer::size).allSatisfy(s -> assertThat(s).isPositive());
    }
}
