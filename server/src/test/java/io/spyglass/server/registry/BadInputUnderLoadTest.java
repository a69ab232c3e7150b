package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input while other clients push and pull, over real HTTP against the in-process server: a
 * client that hangs up mid-upload, a chunk out of order and a manifest naming missing blobs each
 * get their own answer; the well-behaved clients never see a 5xx; no cut-short blob becomes
 * visible.
 */
class BadInputUnderLoadTest {
    @TempDir
    static Path dir;
    static ServerFixture fixture;
    static ServerFixture.Account user;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.sqliteAndFolder(dir.resolve("data"));
        user = fixture.newUser("load");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) fixture.close();
    }

    @Test
    void badClientsGetTheirErrorsAndNobodyElseSeesA5xx() throws Exception {
        ConcurrentLinkedQueue<String> goodFailures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> badFailures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int id = c;
            all.add(pool.submit(() -> goodClient(user.name() + "/good" + id, id, goodFailures)));
        }
        all.add(pool.submit(() -> repeat(badFailures, () -> disconnectMidChunk(user.name() + "/bad-patch"))));
        all.add(pool.submit(() -> repeat(badFailures, () -> disconnectMidMonolithic(user.name() + "/bad-post"))));
        all.add(pool.submit(() -> repeat(badFailures, () -> chunkOutOfOrder(user.name() + "/bad-range"))));
        all.add(pool.submit(() -> repeat(badFailures, () -> manifestNamingMissingBlobs(user.name() + "/bad-manifest"))));
        for (Future<?> f : all) f.get(5, TimeUnit.MINUTES);
        pool.shutdown();

        assertThat(badFailures).as("what the bad clients got that they should not have").isEmpty();
        assertThat(goodFailures).as("what the well-behaved clients saw").isEmpty();
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private static void repeat(ConcurrentLinkedQueue<String> failures, Step step) {
        for (int i = 0; i < 8; i++) {
            try {
                step.run();
            } catch (Throwable e) {
                failures.add(e.toString());
            }
        }
    }

    /** Pushes (monolithic and chunked), tags, pulls back and lists, recording any answer but the right one. */
    private static void goodClient(String repo, int id, ConcurrentLinkedQueue<String> failures) {
        Random r = new Random(id);
        for (int loop = 0; loop < 10; loop++) {
            try {
                byte[] a = random(r, 64 * 1024 + r.nextInt(64 * 1024));
                byte[] b = random(r, 200 * 1024);
                String da = digest(a);
                String db = digest(b);
                check(failures, "monolithic push", post(repo, "?digest=" + da, a), 201);
                String loc = location(check(failures, "start upload", post(repo, "", null), 202));
                HttpResponse<byte[]> p = fixture.send("PATCH", loc, user.basic(), java.util.Arrays.copyOf(b, 100_000), "Content-Range", "0-99999");
                check(failures, "first chunk", p, 202);
                p = fixture.send("PATCH", location(p), user.basic(), java.util.Arrays.copyOfRange(b, 100_000, b.length),
                        "Content-Range", "100000-" + (b.length - 1));
                check(failures, "second chunk", p, 202);
                check(failures, "finish upload", fixture.send("PUT", location(p) + "?digest=" + db, user.basic(), null), 201);
                byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"loop\":" + loop + "}").getBytes(StandardCharsets.UTF_8);
                String dc = digest(config);
                check(failures, "config push", post(repo, "?digest=" + dc, config), 201);
                byte[] manifest = manifest(dc, config.length, da, a.length, db, b.length);
                check(failures, "manifest push", fixture.send("PUT", "/v2/" + repo + "/manifests/t" + loop, user.basic(), manifest,
                        "Content-Type", "application/vnd.oci.image.manifest.v1+json"), 201);
                HttpResponse<byte[]> got = check(failures, "blob pull", fixture.send("GET", "/v2/" + repo + "/blobs/" + db, user.basic(), null), 200);
                if (got.statusCode() == 200 && !digest(got.body()).equals(db)) failures.add(repo + ": blob " + db + " came back different");
                check(failures, "manifest pull", fixture.send("GET", "/v2/" + repo + "/manifests/t" + loop, user.basic(), null,
                        "Accept", "application/vnd.oci.image.manifest.v1+json"), 200);
                check(failures, "tag list", fixture.send("GET", "/v2/" + repo + "/tags/list", user.basic(), null), 200);
            } catch (Throwable e) {
                failures.add(repo + ": " + e);
            }
        }
    }

    /** A PATCH whose body stops halfway, then the socket closes: the upload stays as it was, and no blob appears. */
    private static void disconnectMidChunk(String repo) throws Exception {
        byte[] first = random(new Random(), 10_000);
        byte[] chunk = random(new Random(), 1 << 20);
        String loc = location(expect(post(repo, "", null), 202, "start upload"));
        HttpResponse<byte[]> p = expect(fixture.send("PATCH", loc, user.basic(), first, "Content-Range", "0-9999"), 202, "first chunk");
        loc = location(p);
        hangUpMidBody("PATCH", loc, chunk, "Content-Range: 10000-" + (10_000 + chunk.length - 1));
        HttpResponse<byte[]> status = fixture.send("GET", loc, user.basic(), null);
        expect(status, 204, "upload status after the cut");
        if (!status.headers().firstValue("Range").orElse("").equals("0-9999")) {
            throw new AssertionError("after a cut-short chunk the upload should stand at 0-9999, is at " + status.headers().firstValue("Range"));
        }
        byte[] whole = concat(first, chunk);
        expect(fixture.send("PUT", loc + "?digest=" + digest(whole), user.basic(), null), 400, "finishing with the full digest");
        expect(fixture.send("HEAD", "/v2/" + repo + "/blobs/" + digest(whole), user.basic(), null), 404, "HEAD of the never-completed blob");
    }

    /** A monolithic POST ?digest= whose body stops halfway: nothing becomes visible at that digest. */
    private static void disconnectMidMonolithic(String repo) throws Exception {
        byte[] blob = random(new Random(), 1 << 20);
        String d = digest(blob);
        expect(post(repo, "", null), 202, "start upload"); // makes the repository exist
        hangUpMidBody("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, blob, null);
        expect(fixture.send("HEAD", "/v2/" + repo + "/blobs/" + d, user.basic(), null), 404, "HEAD of the cut-short blob");
    }

    /** A chunk that skips ahead gets 416 with the Range the upload really has, and the upload can go on. */
    private static void chunkOutOfOrder(String repo) throws Exception {
        byte[] blob = random(new Random(), 50_000);
        String loc = location(expect(post(repo, "", null), 202, "start upload"));
        HttpResponse<byte[]> p = expect(fixture.send("PATCH", loc, user.basic(), java.util.Arrays.copyOf(blob, 20_000), "Content-Range", "0-19999"),
                202, "first chunk");
        loc = location(p);
        HttpResponse<byte[]> gap = fixture.send("PATCH", loc, user.basic(), java.util.Arrays.copyOfRange(blob, 30_000, 50_000), "Content-Range", "30000-49999");
        expect(gap, 416, "chunk out of order");
        if (!gap.headers().firstValue("Range").orElse("").equals("0-19999") || gap.headers().firstValue("Location").isEmpty()) {
            throw new AssertionError("416 should carry Range 0-19999 and a Location, has " + gap.headers().map());
        }
        if (!new String(gap.body(), StandardCharsets.UTF_8).contains("BLOB_UPLOAD_INVALID") && !new String(gap.body(), StandardCharsets.UTF_8).contains("RANGE_INVALID")) {
            throw new AssertionError("416 body names no OCI error: " + new String(gap.body(), StandardCharsets.UTF_8));
        }
        p = expect(fixture.send("PATCH", loc, user.basic(), java.util.Arrays.copyOfRange(blob, 20_000, 50_000), "Content-Range", "20000-49999"),
                202, "the right next chunk");
        expect(fixture.send("PUT", location(p) + "?digest=" + digest(blob), user.basic(), null), 201, "finish after the 416");
    }

    /** A manifest naming a layer that was never pushed: 400 MANIFEST_BLOB_UNKNOWN, and no tag. */
    private static void manifestNamingMissingBlobs(String repo) throws Exception {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + System.nanoTime() + "}").getBytes(StandardCharsets.UTF_8);
        String dc = digest(config);
        expect(post(repo, "?digest=" + dc, config), 201, "config push");
        byte[] missing = random(new Random(), 1000);
        byte[] manifest = manifest(dc, config.length, digest(missing), missing.length, null, 0);
        HttpResponse<byte[]> r = fixture.send("PUT", "/v2/" + repo + "/manifests/broken", user.basic(), manifest,
                "Content-Type", "application/vnd.oci.image.manifest.v1+json");
        expect(r, 400, "manifest naming a missing blob");
        if (!new String(r.body(), StandardCharsets.UTF_8).contains("MANIFEST_BLOB_UNKNOWN")) {
            throw new AssertionError("expected MANIFEST_BLOB_UNKNOWN, got " + new String(r.body(), StandardCharsets.UTF_8));
        }
        expect(fixture.send("GET", "/v2/" + repo + "/manifests/broken", user.basic(), null, "Accept", "application/vnd.oci.image.manifest.v1+json"),
                404, "the refused manifest's tag");
    }

    /** Sends the headers and half the body on a raw socket, then closes it. */
    private static void hangUpMidBody(String method, String pathOrUrl, byte[] body, String extraHeader) throws IOException {
        String path = pathOrUrl.startsWith("http") ? java.net.URI.create(pathOrUrl).getRawPath() + query(pathOrUrl) : pathOrUrl;
        try (Socket s = new Socket("127.0.0.1", fixture.server().port())) {
            OutputStream out = s.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + fixture.host() + "\r\nAuthorization: " + user.basic()
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n"
                    + (extraHeader == null ? "" : extraHeader + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            s.setSoTimeout(30_000);
            try {
                in.readAllBytes(); // whatever the server answers (or none): it has seen the end of the stream
            } catch (IOException reset) {
                // the server may reset the connection: also fine
            }
        }
    }

    private static String query(String url) {
        String q = java.net.URI.create(url).getRawQuery();
        return q == null ? "" : "?" + q;
    }

    private static HttpResponse<byte[]> post(String repo, String query, byte[] body) {
        return fixture.send("POST", "/v2/" + repo + "/blobs/uploads/" + query, user.basic(), body, "Content-Type", "application/octet-stream");
    }

    private static HttpResponse<byte[]> check(ConcurrentLinkedQueue<String> failures, String what, HttpResponse<byte[]> r, int want) {
        if (r.statusCode() != want) failures.add(what + " " + r.request().uri().getPath() + ": HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        return r;
    }

    private static HttpResponse<byte[]> expect(HttpResponse<byte[]> r, int want, String what) {
        if (r.statusCode() != want) {
            throw new AssertionError(what + ": HTTP " + r.statusCode() + " (want " + want + ") " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    private static String location(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in " + r.statusCode() + " answer"));
    }

    private static byte[] manifest(String config, int configSize, String layer1, int size1, String layer2, int size2) {
        String layers = layer(layer1, size1) + (layer2 == null ? "" : "," + layer(layer2, size2));
        return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + config + "\",\"size\":" + configSize + "},\"layers\":[" + layers + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String layer(String digest, int size) {
        return "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String digest(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
