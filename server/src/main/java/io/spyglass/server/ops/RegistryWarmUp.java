package io.spyglass.server.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import io.spyglass.server.listen.Listening;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes and pulls a few small images through a throwaway Spyglass on a loopback port before
 * {@code spyglass serve} opens its own, so the first real clients meet compiled request, hashing and
 * storage code instead of paying for the JIT themselves (issue 12: a fresh server's push and pull
 * spent half their CPU in the compiler threads; warm, they cost less than distribution's).
 *
 * <p>The throwaway instance has its own temporary data folder, deleted afterwards, listens on
 * 127.0.0.1 only, and logs nothing: the real store, its audit log and webhooks never see it.
 * Once per JVM; {@code -Dspyglass.registry.warmUp=false} skips it (to measure a truly cold node).
 */
public final class RegistryWarmUp {
    private static final Logger log = LoggerFactory.getLogger(RegistryWarmUp.class);
    private static final AtomicBoolean DONE = new AtomicBoolean();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "warm-up";
    // ~1,300 requests and 50 MB each way: enough for most per-request code to reach the JIT's top
    // tier, at ~7 s of start-up on two cores (measured: fewer images left the push twice as far
    // from its warm cost)
    private static final int IMAGES = Integer.getInteger("spyglass.registry.warmUp.images", 40);
    private static final int[] LAYER_SIZES = {1_024, 32 * 1024, 256 * 1024, 1024 * 1024};
    // a slow or busy machine warms up less rather than delaying the start for long
    private static final Duration BUDGET = Duration.ofSeconds(10);
    // the headers skopeo sends with every request (seen on the wire); its manifest GET lists every type
    private static final String[] CLIENT_HEADERS = {"User-Agent", "spyglass-warm-up", "Docker-Distribution-Api-Version", "registry/2.0",
            "Accept-Encoding", "gzip"};
    private static final String[] MANIFEST_TYPES = {"application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.v1+prettyjws",
            "application/vnd.docker.distribution.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json"};

    private RegistryWarmUp() {}

    /** Runs the warm-up unless turned off or already done in this JVM; never fails the caller. */
    public static void run() {
        if (!Boolean.parseBoolean(System.getProperty("spyglass.registry.warmUp", "true"))) return;
        if (!DONE.compareAndSet(false, true)) return;
        long t0 = System.nanoTime();
        Level[] before = quiet();
        int requests;
        try {
            requests = exercise(IMAGES, BUDGET);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // only speed is at stake: the first real clients then warm the code up themselves
            log.debug("warm-up skipped: {}", e.toString());
            return;
        } finally {
            restore(before);
        }
        log.info("warm-up: {} registry requests through a throwaway loopback instance in {} ms", requests,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Pushes up to {@code images} images (fewer once {@code budget} is spent) through a throwaway
     * instance in a temporary folder, pulls them back, stops the instance and deletes the folder.
     * Returns the number of requests made.
     */
    static int exercise(int images, Duration budget) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("spyglass-warm-up");
        String password = HexFormat.of().formatHex(random(new SecureRandom(), 16));
        try (SpyglassServer server = SpyglassServer.start(new ServerConfig(0, dir, null, null, null, true, false,
                null, Listening.LOOPBACK, null))) {
            server.hub().users().create(USER, password);
            Client client = new Client("http://127.0.0.1:" + server.port(), USER, password);
            Random bytes = new Random(12);
            List<String> repos = new ArrayList<>();
            for (int i = 0; i < images && System.nanoTime() - t0 < budget.toNanos(); i++) {
                String repo = USER + "/image" + i;
                client.push(repo, bytes);
                repos.add(repo);
            }
            // (pulling each image three times instead of once was measured and changed nothing)
            for (String repo : repos) client.pull(repo);
            return client.requests;
        } finally {
            deleteQuietly(dir);
        }
    }

    /** A registry client doing what skopeo does per image: token, blob checks, uploads, manifest. */
    private static final class Client {
        // HTTP/1.1 as registry clients speak it on plain http (the JDK's default would ask for an h2c upgrade)
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String basic;
        private final String service;
        private int requests;

        Client(String base, String user, String password) {
            this.base = base;
            this.service = URLEncoder.encode(URI.create(base).getAuthority(), StandardCharsets.UTF_8);
            this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        void push(String repo, Random random) throws IOException, InterruptedException {
            String bearer = token(repo, "pull,push");
            List<String> layers = new ArrayList<>();
            StringBuilder diffIds = new StringBuilder();
            for (int size : LAYER_SIZES) {
                byte[] layer = random(random, size);
                String digest = sha256(layer);
                upload(repo, bearer, layer, digest);
                layers.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest + "\",\"size\":" + size + "}");
                diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(digest).append('"');
            }
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}")
                    .getBytes(StandardCharsets.UTF_8);
            String configDigest = sha256(config);
            upload(repo, bearer, config, configDigest);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
                    + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                    + config.length + "},\"layers\":[" + String.join(",", layers) + "]}").getBytes(StandardCharsets.UTF_8);
            expect(send(HttpRequest.newBuilder(uri("/v2/" + repo + "/manifests/latest")).header("Authorization", bearer)
                    .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))), 201);
        }

        /** HEAD (absent), POST, one streamed PATCH without a length, PUT with the digest. */
        private void upload(String repo, String bearer, byte[] blob, String digest) throws IOException, InterruptedException {
            expect(send(HttpRequest.newBuilder(uri("/v2/" + repo + "/blobs/" + digest)).header("Authorization", bearer)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())), 404);
            HttpResponse<byte[]> started = expect(send(HttpRequest.newBuilder(uri("/v2/" + repo + "/blobs/uploads/"))
                    .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody())), 202);
            HttpResponse<byte[]> patched = expect(send(HttpRequest.newBuilder(location(started)).header("Authorization", bearer)
                    .header("Content-Type", "application/octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob)))), 202);
            String put = location(patched).toString();
            expect(send(HttpRequest.newBuilder(URI.create(put + (put.contains("?") ? "&" : "?") + "digest=" + digest))
                    .header("Authorization", bearer).PUT(HttpRequest.BodyPublishers.noBody())), 201);
        }

        void pull(String repo) throws IOException, InterruptedException {
            String bearer = token(repo, "pull");
            HttpRequest.Builder get = HttpRequest.newBuilder(uri("/v2/" + repo + "/manifests/latest")).header("Authorization", bearer);
            for (String type : MANIFEST_TYPES) get.header("Accept", type);
            HttpResponse<byte[]> manifest = expect(send(get.GET()), 200);
            JsonNode parsed = JSON.readTree(manifest.body());
            List<String> digests = new ArrayList<>();
            parsed.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
            digests.add(parsed.path("config").path("digest").asText());
            for (String digest : digests) {
                expect(send(HttpRequest.newBuilder(uri("/v2/" + repo + "/blobs/" + digest)).header("Authorization", bearer).GET()), 200);
            }
        }

        private String token(String repo, String actions) throws IOException, InterruptedException {
            expect(send(HttpRequest.newBuilder(uri("/v2/")).GET()), 401);
            String scope = URLEncoder.encode("repository:" + repo + ":" + actions, StandardCharsets.UTF_8);
            HttpResponse<byte[]> answer = expect(send(HttpRequest.newBuilder(uri("/token?account=" + USER + "&scope=" + scope + "&service=" + service))
                    .header("Authorization", basic).GET()), 200);
            return "Bearer " + JSON.readTree(answer.body()).path("token").asText();
        }

        private URI uri(String path) {
            return URI.create(base + path);
        }

        private URI location(HttpResponse<?> response) {
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("no Location in the answer to " + response.request().uri()));
            return location.startsWith("/") ? uri(location) : URI.create(location);
        }

        private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            requests++;
            request.headers(CLIENT_HEADERS);
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        private static HttpResponse<byte[]> expect(HttpResponse<byte[]> response, int status) {
            if (response.statusCode() != status) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                        + " answered " + response.statusCode() + " instead of " + status);
            }
            return response;
        }
    }

    private static byte[] random(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String[] QUIET = {"io.spyglass", "io.javalin"};

    /** The throwaway instance's start, requests and stop would otherwise fill the real server's log. */
    private static Level[] quiet() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return null;
        Level[] before = new Level[QUIET.length];
        for (int i = 0; i < QUIET.length; i++) {
            before[i] = context.getLogger(QUIET[i]).getLevel();
            context.getLogger(QUIET[i]).setLevel(Level.OFF);
        }
        context.getLogger(RegistryWarmUp.class).setLevel(Level.INFO);
        return before;
    }

    private static void restore(Level[] before) {
        if (before == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        for (int i = 0; i < QUIET.length; i++) context.getLogger(QUIET[i]).setLevel(before[i]);
        context.getLogger(RegistryWarmUp.class).setLevel(null);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("warm-up folder {} left behind: {}", dir, e.toString());
        }
    }
}
