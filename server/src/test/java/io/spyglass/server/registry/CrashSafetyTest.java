package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.Hub;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server in the middle of an upload: no blob becomes visible, and after a restart
 * the upload continues from the bytes that reached the disk and completes with the right digest.
 */
class CrashSafetyTest {
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("crash:crash-password".getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void killedMidUploadLeavesNoBlobAndTheUploadResumes() throws Exception {
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            Hub.over(db, false).users().create("crash", "crash-password");
        }
        byte[] content = new byte[8 * 1024 * 1024];
        new Random(11).nextBytes(content);
        String digest = Contract.sha256(content);

        Process first = startChild();
        int port = ChildServer.port(first);
        HttpResponse<String> start = send("POST", port, "/v2/crash/app/blobs/uploads/", null);
        String location = start.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        Path staged = data.resolve("blobs/uploads/" + id + "/data");

        // stream part of the promised body, then kill the server while it is receiving
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + AUTH
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, 3 * 1024 * 1024);
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Files.size(staged) < 1024 * 1024 && System.nanoTime() < deadline) Thread.sleep(20);
            first.destroyForcibly().waitFor();
        }
        assertThat(blobFiles()).as("no committed blob after the crash").isEmpty();

        Process second = startChild();
        try {
            int port2 = ChildServer.port(second);
            assertThat(send("HEAD", port2, "/v2/crash/app/blobs/" + digest, null).statusCode()).isEqualTo(404);
            HttpResponse<String> status = send("GET", port2, location, null);
            assertThat(status.statusCode()).isEqualTo(204);
            long have = Long.parseLong(status.headers().firstValue("Range").orElseThrow().split("-")[1]) + 1;
            assertThat(have).isBetween(1024L * 1024, 3L * 1024 * 1024);

            byte[] rest = java.util.Arrays.copyOfRange(content, (int) have, content.length);
            HttpResponse<String> patch = sendBytes("PATCH", port2, location, rest, "Content-Range", have + "-" + (content.length - 1));
            assertThat(patch.statusCode()).as(patch.body()).isEqualTo(202);
            HttpResponse<String> done = send("PUT", port2, location + "?digest=" + digest, null);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
            HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port2 + "/v2/crash/app/blobs/" + digest))
                    .header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(blob.body()).isEqualTo(content);
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private Stream<Path> blobFiles() throws Exception {
        Path root = data.resolve("blobs/blobs");
        if (!Files.exists(root)) return Stream.empty();
        return Files.walk(root).filter(p -> p.getFileName().toString().equals("data")).toList().stream();
    }

    private Process startChild() throws Exception {
        return ChildServer.start(data, data, "-Xmx256m");
    }

    private HttpResponse<String> send(String method, int port, String path, byte[] body) throws Exception {
        return sendBytes(method, port, path, body);
    }

    private HttpResponse<String> sendBytes(String method, int port, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", AUTH)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
