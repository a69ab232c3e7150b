package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images whose layers the analyser cannot read, pushed with skopeo: the push succeeds, the tag
 * shows "failed" with a reason naming the layer, and an image pushed after them is still analysed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadableImageAnalysisTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    ServerFixture fx;
    Account owner;
    String repo;

    @BeforeAll
    void start() throws Exception {
        Skopeo.assumeInstalled();
        fx = ServerFixture.sqliteAndFolder(dir.resolve("data"));
        owner = fx.newUser("owner");
        String org = fx.newOrg("team", owner);
        repo = fx.analysedRepository(owner, org, "hostile", false, "advanced");
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void unreadableLayersFailTheirTagWithTheReasonAndTheQueueGoesOn() throws Exception {
        byte[] good = gzip(tar("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"));
        byte[] garbage = new byte[4096];
        new Random(5).nextBytes(garbage); // labelled gzip, but neither gzip nor tar
        byte[] noise = new byte[300_000];
        new Random(6).nextBytes(noise);
        byte[] truncated = gzip(tar("usr/share/big.bin", Base64.getEncoder().encodeToString(noise)));
        truncated = Arrays.copyOf(truncated, truncated.length / 2); // cut inside big.bin

        push(layout("garbage", good, garbage), "garbage");
        push(layout("truncated", good, truncated), "truncated");
        push(layout("fine", good), "fine");

        JsonNode fine = await("fine", "done");
        assertThat(fine.path("summary").path("reason").isMissingNode() || fine.path("summary").path("reason").isNull()).isTrue();
        JsonNode g = await("garbage", "failed");
        // skopeo finds no gzip magic and compresses the blob on the way: the walk then meets bytes that are no tar
        assertThat(g.path("summary").path("reason").asText()).matches("sha256:[0-9a-f]{64}: layer unreadable: Corrupted TAR archive.*");
        JsonNode t = await("truncated", "failed");
        assertThat(t.path("summary").path("reason").asText()).contains(digest(truncated), "layer unreadable", "Unexpected end of ZLIB input stream");
    }

    @Test
    void corruptPackageDatabasesAreNamedOnTheReportAndTheTagPage() throws Exception {
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        byte[] layer = gzip(tar("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n",
                "lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\n\nP:zlib\nA:x86_64\n\n",
                "var/lib/rpm/rpmdb.sqlite", "SQLite format 3\u0000" + new String(noise, StandardCharsets.ISO_8859_1)));
        push(layout("corruptdb", layer), "corruptdb");
        JsonNode report = await("corruptdb", "done");
        JsonNode image = report.path("images").get(0);
        assertThat(image.path("packages").findValuesAsText("name")).containsExactly("musl");
        assertThat(image.path("unknowns").findValuesAsText("path")).contains("var/lib/rpm/rpmdb.sqlite", "lib/apk/db/installed");
        assertThat(image.path("unknowns").findValuesAsText("layer")).containsOnly(image.path("layers").get(0).path("digest").asText());
        assertThat(image.path("unknowns").findValuesAsText("message")).anyMatch(m -> m.contains("rpm database"));

        // a report that only listed musl would read as complete: the page says what it could not read
        HttpResponse<byte[]> page = fx.send("GET", "/r/" + repo + "/-/tags/corruptdb/packages", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("files could not be read: packages in them are missing from this report",
                "var/lib/rpm/rpmdb.sqlite", "layer 1");
        HttpResponse<byte[]> fine = fx.send("GET", "/r/" + repo + "/-/tags/fine", null, null);
        if (fine.statusCode() == 200) assertThat(new String(fine.body(), StandardCharsets.UTF_8)).doesNotContain("could not be read");
    }

    private void push(Path layout, String tag) throws Exception {
        // the push itself succeeds: analysis never fails a push
        fx.push(dir, owner, "oci:" + layout + ":" + tag, repo + ":" + tag);
    }

    private JsonNode await(String tag, String status) throws Exception {
        return fx.awaitStatus(owner, repo, tag, status);
    }

    /** An OCI layout with one image of these gzip layers, tagged {@code tag}. */
    private static Path layout(String tag, byte[]... layers) throws IOException {
        Path out = Files.createDirectories(dir.resolve("layout-" + tag));
        ArrayNode diffIds = JSON.createArrayNode();
        ArrayNode descriptors = JSON.createArrayNode();
        for (byte[] layer : layers) {
            diffIds.add(digest(layer)); // not checked by the walk; a real tool would need the tar's digest
            descriptors.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", blob(out, layer), layer.length));
        }
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", blob(out, configBytes), configBytes.length));
        manifest.set("layers", descriptors);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode entry = descriptor("application/vnd.oci.image.manifest.v1+json", blob(out, manifestBytes), manifestBytes.length);
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(entry);
        Files.write(out.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(out.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return out;
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
    }

    private static String blob(Path layout, byte[] content) throws IOException {
        String digest = digest(content);
        Path p = layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return digest;
    }

    private static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tar of {@code path, content, path, content, …}. */
    private static byte[] tar(String... pathsAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i + 1 < pathsAndContents.length; i += 2) {
                byte[] bytes = pathsAndContents[i + 1].getBytes(StandardCharsets.ISO_8859_1);
                TarArchiveEntry e = new TarArchiveEntry(pathsAndContents[i]);
                e.setSize(bytes.length);
                tar.putArchiveEntry(e);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
