package io.spyglass.cli;

import static io.spyglass.cli.DbBundleCommandTest.assertSameData;
import static io.spyglass.cli.DbBundleCommandTest.imported;
import static io.spyglass.cli.DbBundleCommandTest.snapshot;
import static io.spyglass.cli.DbBundleCommandTest.statusTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.image.Digest;
import io.spyglass.image.source.RegistryClient;
import io.spyglass.image.source.RegistryOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db push} into a real registry (Debian's docker-registry), then {@code db update --from
 * oci://} into other data folders: equal data, only changed layers moved, a tampered blob or an
 * unknown source refused whole.
 */
class DbArtifactCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void pushThenUpdateFromTheRegistryAppliesOnlyWhatChanged() throws Exception {
        Path origin = dir.resolve("origin");
        imported(origin, "go", DbBundleCommandTest.GO);
        imported(origin, "alpine", DbBundleCommandTest.ALPINE);
        imported(origin, "kev", DbBundleCommandTest.KEV);
        try (ReferenceRegistry registry = ReferenceRegistry.start(dir.resolve("registry"))) {
            String ref = registry.host() + "/mirror/advisories:latest";
            CliRun push = CliRun.of("db", "push", "--db", origin.toString(), ref);
            assertThat(push.exitCode()).as(push.err()).isZero();
            assertThat(push.out()).contains("3 sources, 3 layers uploaded");

            Path node = dir.resolve("node");
            CliRun first = CliRun.of("db", "update", "--db", node.toString(), "--from", "oci://" + ref);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("applied 3 sources as one change set, 0 unchanged");
            assertSameData(origin, node);

            CliRun second = CliRun.of("db", "update", "--db", node.toString(), "--from", "oci://" + ref);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("applied 0 sources as one change set, 3 unchanged");

            // one source changes at the origin: only its layer is uploaded, and only it is applied
            imported(origin, "go", DbBundleCommandTest.GO + "/GO-2023-2102.json");
            CliRun again = CliRun.of("db", "push", "--db", origin.toString(), ref);
            assertThat(again.out()).contains("3 sources, 1 layers uploaded").containsPattern("alpine .* unchanged, already there");
            CliRun third = CliRun.of("db", "update", "--db", node.toString(), "--from", "oci://" + ref);
            assertThat(third.out()).containsPattern("go\\s+applied: 0 added, 0 changed, 4290 removed records")
                    .contains("applied 1 sources as one change set, 2 unchanged");
            assertSameData(origin, node);
        }
    }

    @Test
    void aTamperedBlobOrAnUnknownSourceIsRefusedWhole() throws Exception {
        Path origin = dir.resolve("origin");
        imported(origin, "alpine", DbBundleCommandTest.ALPINE);
        imported(origin, "kev", DbBundleCommandTest.KEV);
        Path node = dir.resolve("node");
        imported(node, "alpine", "data/advisories/alpine-secdb/v3.9/main.yaml");
        Map<String, String> files = snapshot(node);
        String status = statusTable(node);
        try (ReferenceRegistry registry = ReferenceRegistry.start(dir.resolve("registry"))) {
            String ref = registry.host() + "/mirror/advisories:latest";
            CliRun push = CliRun.of("db", "push", "--db", origin.toString(), ref);
            assertThat(push.exitCode()).as(push.err()).isZero();

            // the kev layer's bytes changed inside the registry, its size kept
            Matcher kev = Pattern.compile("kev\\s+\\d+ records\\s+(sha256:[0-9a-f]{12})").matcher(push.out());
            assertThat(kev.find()).as(push.out()).isTrue();
            Path blob = blobStartingWith(registry, kev.group(1));
            byte[] bytes = Files.readAllBytes(blob);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(blob, bytes);
            refused(node, "oci://" + ref, "does not match its digest");

            // an artifact naming a source this Spyglass does not know
            String unknown = registry.host() + "/mirror/advisories:unknown";
            pushUnknownSource(unknown);
            refused(node, "oci://" + unknown, "holds source 'acme', which this Spyglass does not know");

            refused(node, "oci://" + registry.host() + "/mirror/absent:latest", "not found");
        }
        assertThat(snapshot(node)).as("the data folder byte for byte").isEqualTo(files);
        assertThat(statusTable(node)).isEqualTo(status);
    }

    private static void refused(Path db, String from, String reason) {
        CliRun run = CliRun.of("db", "update", "--db", db.toString(), "--from", from);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).startsWith("update from " + from + " refused, data unchanged: ").contains(reason);
        assertThat(run.err().lines()).hasSize(1);
    }

    private static Path blobStartingWith(ReferenceRegistry registry, String prefix) throws Exception {
        Path root = registry.blobData("sha256:" + "0".repeat(64)).getParent().getParent().getParent();
        try (var dirs = Files.list(root.resolve(prefix.substring(7, 9)))) {
            Path hex = dirs.filter(d -> d.getFileName().toString().startsWith(prefix.substring(7))).findFirst().orElseThrow();
            return hex.resolve("data");
        }
    }

    /** A well-formed advisory artifact whose one layer says it is source 'acme'. */
    private static void pushUnknownSource(String ref) throws Exception {
        RegistryClient client = RegistryClient.open(ref, RegistryOptions.ANONYMOUS, true);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "{\"format\":1,\"source\":\"acme\",\"kind\":\"advisory\",\"count\":0}\n".getBytes(StandardCharsets.UTF_8);
        Path tmp = Files.createTempFile("layer", ".bin");
        Path cfg = Files.createTempFile("config", ".json");
        try {
            Files.write(tmp, layer);
            Files.write(cfg, empty);
            Digest layerDigest = Digest.parse("sha256:" + DbBundleCommandTest.sha256(layer));
            Digest emptyDigest = Digest.parse("sha256:" + DbBundleCommandTest.sha256(empty));
            client.pushBlob(layerDigest, tmp);
            client.pushBlob(emptyDigest, cfg);
            ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                    .put("artifactType", "application/vnd.spyglass.advisories.v1");
            m.putObject("config").put("mediaType", "application/vnd.oci.empty.v1+json").put("digest", emptyDigest.toString()).put("size", 2);
            m.putArray("layers").addObject().put("mediaType", "application/vnd.spyglass.advisories.source.v1.jsonl+gzip")
                    .put("digest", layerDigest.toString()).put("size", layer.length)
                    .putObject("annotations").put("io.spyglass.advisories.source", "acme");
            client.pushManifest(JSON.writeValueAsBytes(m), "application/vnd.oci.image.manifest.v1+json");
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(cfg);
        }
    }
}
