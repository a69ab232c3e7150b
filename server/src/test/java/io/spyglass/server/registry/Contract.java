package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What every registry contract test needs: the server and small helpers. */
public interface Contract {
    ObjectMapper JSON = new ObjectMapper();

    ServerFixture fixture();

    Path workDir();

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the status and the OCI error code in the body. */
    static void assertError(HttpResponse<byte[]> r, int status, String code) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as("status of %s %s: %s", r.request().method(), r.request().uri(), body).isEqualTo(status);
        assertThat(json(r).path("errors").path(0).path("code").asText()).as(body).isEqualTo(code);
        assertThat(json(r).path("errors").path(0).path("detail").asText()).as("detail names what was wrong").isNotBlank();
    }

    /** Pushes a blob in one POST; returns its digest. */
    default String pushBlob(String repo, String auth, byte[] content) {
        String digest = sha256(content);
        HttpResponse<byte[]> r = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, auth, content,
                "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return digest;
    }

    /** An OCI image manifest over the given config and layers (digests of pushed blobs). */
    static byte[] imageManifest(String configDigest, long configSize, String layerDigest, long layerSize, String extra) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest + "\",\"size\":" + layerSize + "}]"
                + extra + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes a small image (config + one layer + manifest) under {@code tag}; returns the manifest digest. */
    default String pushImage(String repo, String auth, String tag) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"n\":\"" + tag + System.nanoTime() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repo + ":" + tag + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String c = pushBlob(repo, auth, config);
        String l = pushBlob(repo, auth, layer);
        byte[] manifest = imageManifest(c, config.length, l, layer.length, "");
        HttpResponse<byte[]> r = fixture().send("PUT", "/v2/" + repo + "/manifests/" + tag, auth, manifest,
                "Content-Type", "application/vnd.oci.image.manifest.v1+json");
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return sha256(manifest);
    }
}
