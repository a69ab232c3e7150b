package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomCommandTest {
    @TempDir
    Path tmp;

    @Test
    void jsonOfTheDebianCorpusImageHasTheDocumentedShape() throws Exception {
        Path layout = SharedData.requireCorpus("debian/oci");
        Path file = tmp.resolve("sbom.json");
        CliRun run = CliRun.of("sbom", "oci-dir://" + layout + ":bookworm", "--format", "json", "--output", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(fields(root)).startsWith("image", "distro", "packages");
        JsonNode image = root.get("image");
        // digests and sizes are this machine's corpus build (umoci timestamps layers and config):
        // they must be the ones in the layout's index, manifest and config, never pinned ones
        assertThat(image.get("digest").asText()).isEqualTo(CorpusBuild.manifestDigest(layout, "bookworm"));
        assertThat(image.get("platform").asText()).isEqualTo("linux/amd64");
        assertThat(image.get("layers")).hasSize(3);
        assertThat(fields(image.get("layers").get(0))).containsExactly("digest", "diffId", "size", "createdBy");
        JsonNode manifest = CorpusBuild.manifest(layout, "bookworm");
        JsonNode diffIds = CorpusBuild.config(layout, "bookworm").path("rootfs").path("diff_ids");
        for (int i = 0; i < 3; i++) {
            JsonNode layer = image.get("layers").get(i);
            assertThat(layer.get("digest").asText()).isEqualTo(manifest.path("layers").get(i).path("digest").asText());
            assertThat(layer.get("size").asLong()).isEqualTo(manifest.path("layers").get(i).path("size").asLong());
            assertThat(layer.get("diffId").asText()).isEqualTo(diffIds.get(i).asText());
        }
        assertThat(root.get("distro").get("id").asText()).isEqualTo("debian");
        assertThat(root.get("distro").get("versionId").asText()).isEqualTo("12");
        assertThat(root.get("distro").get("codename").asText()).isEqualTo("bookworm");
        for (JsonNode p : root.get("packages")) {
            assertThat(fields(p)).containsExactly("type", "name", "version", "purl", "sourceName", "sourceVersion", "licenses", "locations");
            assertThat(fields(p.get("locations").get(0))).containsExactly("path", "layer");
        }
        // the same image through a docker save archive gives the same packages and paths
        CliRun again = CliRun.of("sbom", "archive://" + SharedData.requireCorpus("debian/debian-app.docker.tar"), "--format", "json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode fromArchive = new ObjectMapper().readTree(again.out());
        assertThat(pathsAndNames(fromArchive)).isEqualTo(pathsAndNames(root));
    }

    @Test
    void badReferencesAndFormatsGiveAClearErrorAndNoFile() {
        Path file = tmp.resolve("out.json");
        CliRun unknownScheme = CliRun.of("sbom", "docker://debian", "--output", file.toString());
        assertThat(unknownScheme.exitCode()).isEqualTo(1);
        assertThat(unknownScheme.err()).contains("unsupported image reference 'docker://debian'", "oci-dir://");
        CliRun missing = CliRun.of("sbom", "oci-dir://" + tmp.resolve("nope"), "--output", file.toString());
        assertThat(missing.err()).contains("OCI layout folder not found");
        CliRun format = CliRun.of("sbom", "oci-dir://" + tmp, "--format", "xml");
        assertThat(format.err()).contains("unknown SBOM format 'xml'", "json", "list");
        assertThat(file).doesNotExist();
        CliRun noFolder = CliRun.of("sbom", "oci-dir://" + SharedData.requireCorpus("arch/oci"), "--output", tmp.resolve("no/such/dir/x.json").toString());
        assertThat(noFolder.exitCode()).isEqualTo(1);
        assertThat(noFolder.err()).contains("does not exist");
    }

    @Test
    void listFormatHasOneLinePerPackageAndAskingForATagInAMultiImageLayout() {
        Path layout = SharedData.requireCorpus("alpine/oci");
        CliRun noTag = CliRun.of("sbom", "oci-dir://" + layout);
        assertThat(noTag.exitCode()).isEqualTo(1);
        assertThat(noTag.err()).contains("holds several images", "3.12.12", "3.20.3");
        CliRun list = CliRun.of("sbom", "oci-dir://" + layout + ":3.20.3", "--format", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow()).matches("NAME +VERSION +TYPE");
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    private static List<String> pathsAndNames(JsonNode root) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : root.get("packages")) {
            out.add(p.get("type").asText() + " " + p.get("name").asText() + " " + p.get("version").asText()
                    + " " + p.get("locations").get(0).get("path").asText());
        }
        return out;
    }
}
