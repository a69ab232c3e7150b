package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void jsonOfTheDebianCorpusImageHasTheDocumentedShape() throws Exception {
        Path layout = SharedData.requireCorpus("debian/oci");
        Path file = tmp.resolve("sbom.json");
        Run run = run("sbom", "oci-dir://" + layout + ":bookworm", "--format", "json", "--output", file.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(fields(root)).startsWith("image", "distro", "packages");
        JsonNode image = root.get("image");
        assertThat(image.get("digest").asText()).isEqualTo("sha256:6a160ffa6871ca065291c146ddf70f535dc7473d03844441b145f670a34f8b05");
        assertThat(image.get("platform").asText()).isEqualTo("linux/amd64");
        assertThat(image.get("layers")).hasSize(3);
        assertThat(fields(image.get("layers").get(0))).containsExactly("digest", "diffId", "size", "createdBy");
        assertThat(image.get("layers").get(1).get("diffId").asText())
                .isEqualTo("sha256:69cd9622aa56889d56b089a1d8fb7360122d2418a6bcd2b07bf24a67618f55d4");
        assertThat(root.get("distro").get("id").asText()).isEqualTo("debian");
        assertThat(root.get("distro").get("versionId").asText()).isEqualTo("12");
        assertThat(root.get("distro").get("codename").asText()).isEqualTo("bookworm");
        for (JsonNode p : root.get("packages")) {
            assertThat(fields(p)).containsExactly("type", "name", "version", "purl", "sourceName", "sourceVersion", "licenses", "locations");
            assertThat(fields(p.get("locations").get(0))).containsExactly("path", "layer");
        }
        // the same image through a docker save archive gives the same packages and paths
        Run again = run("sbom", "archive://" + SharedData.requireCorpus("debian/debian-app.docker.tar"), "--format", "json");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode fromArchive = new ObjectMapper().readTree(again.out());
        assertThat(pathsAndNames(fromArchive)).isEqualTo(pathsAndNames(root));
    }

    @Test
    void badReferencesAndFormatsGiveAClearErrorAndNoFile() {
        Path file = tmp.resolve("out.json");
        Run unknownScheme = run("sbom", "docker://debian", "--output", file.toString());
        assertThat(unknownScheme.code()).isEqualTo(1);
        assertThat(unknownScheme.err()).contains("unsupported image reference 'docker://debian'", "oci-dir://");
        Run missing = run("sbom", "oci-dir://" + tmp.resolve("nope"), "--output", file.toString());
        assertThat(missing.err()).contains("OCI layout folder not found");
        Run format = run("sbom", "oci-dir://" + tmp, "--format", "xml");
        assertThat(format.err()).contains("unknown SBOM format 'xml'", "json", "list");
        assertThat(file).doesNotExist();
        Run noFolder = run("sbom", "oci-dir://" + SharedData.requireCorpus("arch/oci"), "--output", tmp.resolve("no/such/dir/x.json").toString());
        assertThat(noFolder.code()).isEqualTo(1);
        assertThat(noFolder.err()).contains("does not exist");
    }

    @Test
    void listFormatHasOneLinePerPackageAndAskingForATagInAMultiImageLayout() {
        Path layout = SharedData.requireCorpus("alpine/oci");
        Run noTag = run("sbom", "oci-dir://" + layout);
        assertThat(noTag.code()).isEqualTo(1);
        assertThat(noTag.err()).contains("holds several images", "3.12.12", "3.20.3");
        Run list = run("sbom", "oci-dir://" + layout + ":3.20.3", "--format", "list");
        assertThat(list.code()).as(list.err()).isZero();
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
