package io.spyglass.image.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.image.Digest;
import io.spyglass.image.ImageConfig;
import io.spyglass.image.ImageIndex;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.InvalidManifestException;
import io.spyglass.image.MediaType;
import io.spyglass.image.Platform;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonToImageTranslatorTest {
    private static final String D1 = "sha256:" + "a".repeat(64);
    private static final String D2 = "sha256:" + "b".repeat(64);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheCorpusOciManifestAndConfig() throws IOException {
        // digests and sizes are whatever this machine's corpus build wrote (umoci timestamps every
        // layer and config): read them from the layout, and check them against the bytes on disk
        Path layout = SharedData.requireCorpus("debian/oci");
        Path manifestFile = CorpusBuild.blob(layout, CorpusBuild.manifestDigest(layout, "bookworm"));
        ImageManifest m = (ImageManifest) JsonToImageTranslator.toManifestDocument(Files.readAllBytes(manifestFile), null);
        assertThat(m.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
        assertThat(m.layers()).hasSize(3);
        for (var layer : m.layers()) {
            assertThat(layer.size()).as("size of %s", layer.digest()).isEqualTo(Files.size(CorpusBuild.blob(layout, layer.digest().toString())));
        }
        byte[] configBytes = Files.readAllBytes(CorpusBuild.blob(layout, m.config().digest().toString()));
        assertThat(m.config().size()).isEqualTo(configBytes.length);
        ImageConfig config = JsonToImageTranslator.toConfig(configBytes);
        assertThat(config.platform()).isEqualTo(Platform.LINUX_AMD64);
        assertThat(config.diffIds()).hasSize(3);
        List<String> diffIds = new ArrayList<>();
        CorpusBuild.config(layout, "bookworm").path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        assertThat(config.diffIds()).extracting(Digest::toString).containsExactlyElementsOf(diffIds);
        // four history steps, the CMD one made no layer
        assertThat(config.history()).hasSize(4);
        assertThat(config.layerCommands()).hasSize(3).noneMatch(c -> c.startsWith("CMD"));
    }

    @Test
    void readsDockerV22ManifestAndManifestList() {
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"%s"},
                 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"%s"}]}
                """.formatted(D1, D2);
        ImageManifest m = (ImageManifest) JsonToImageTranslator.toManifestDocument(utf8(manifest), null);
        assertThat(m.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
        assertThat(m.layers().get(0).mediaType().layerCompression()).isEqualTo(MediaType.Compression.GZIP);
        String list = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
                 "manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":7143,"digest":"%s",
                   "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
                  {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":7682,"digest":"%s",
                   "platform":{"architecture":"amd64","os":"linux","os.features":["sse4"]}}]}
                """.formatted(D1, D2);
        ImageIndex index = (ImageIndex) JsonToImageTranslator.toManifestDocument(utf8(list), "application/json");
        assertThat(index.manifests()).extracting(d -> d.platform().toString()).containsExactly("linux/arm64/v8", "linux/amd64");
        assertThat(index.manifests().get(1).digest()).isEqualTo(Digest.parse(D2));
    }

    @Test
    void schemaOneIsRefusedWithAClearMessage() {
        String schema1 = "{\"schemaVersion\":1,\"name\":\"library/busybox\",\"tag\":\"latest\",\"fsLayers\":[{\"blobSum\":\"" + D1 + "\"}]}";
        assertThatThrownBy(() -> JsonToImageTranslator.toManifestDocument(utf8(schema1),
                "application/vnd.docker.distribution.manifest.v1+prettyjws"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("schema 1 is not supported");
    }

    @Test
    void malformedDocumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> JsonToImageTranslator.toManifestDocument(utf8("{not json"), null))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JsonToImageTranslator.toManifestDocument(utf8("{\"schemaVersion\":2,\"layers\":[],\"config\":"
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":1,\"digest\":\"sha256:xyz\"}}"), null))
                .hasMessageContaining("config").hasMessageContaining("malformed sha256 digest");
        assertThatThrownBy(() -> JsonToImageTranslator.toConfig(utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}")))
                .hasMessageContaining("no rootfs.diff_ids");
        assertThatThrownBy(() -> JsonToImageTranslator.toManifestDocument(utf8("{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.example+json\"}"), null))
                .hasMessageContaining("unsupported manifest media type 'application/vnd.example+json'");
    }
}
