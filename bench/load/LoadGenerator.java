import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for an OCI registry (bench/load.sh): CLIENTS threads for SECONDS, each looping over a
 * push/pull mix, against one registry. Speaks both auth schemes a registry may challenge with:
 * Bearer (token flow: realm?service=&scope= with Basic credentials; Spyglass) and Basic (htpasswd;
 * distribution). Prints one line per operation: count, throughput, p50/p99 latency, errors; then
 * a TOTAL line. Exit code 1 when any request failed. Single-file source launch, JDK only:
 *
 * <pre>java bench/load/LoadGenerator.java LABEL http://HOST:PORT USER PASSWORD_FILE CLIENTS SECONDS NAMESPACE</pre>
 *
 * The mix, per loop of a client: a distinct blob (random, 16-256 KiB) pushed monolithically
 * (POST ?digest=); a shared blob (one of 8 fixed 512 KiB contents every client pushes) pushed in
 * two chunks (POST, PATCH with Content-Range x2, PUT ?digest=); a config and a manifest naming
 * them, tagged; then a pull of the manifest by tag and of both layers, checked against their
 * digests; and a tag list.
 */
public final class LoadGenerator {
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("\"(?:token|access_token)\"\\s*:\\s*\"([^\"]+)\"");
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private final String base;
    private final String basic;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Bearer tokens by scope; a registry answering with a Basic challenge gets Basic instead. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile boolean basicOnly;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, String> firstError = new ConcurrentHashMap<>();
    private final byte[][] shared = new byte[8][];

    private LoadGenerator(String base, String user, String password) {
        this.base = base.replaceAll("/+$", "");
        this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Random r = new Random(12);
        for (int i = 0; i < shared.length; i++) {
            shared[i] = new byte[512 * 1024];
            r.nextBytes(shared[i]);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: java LoadGenerator.java LABEL BASE_URL USER PASSWORD_FILE CLIENTS SECONDS NAMESPACE");
            System.exit(2);
        }
        String label = args[0];
        String password = java.nio.file.Files.readString(java.nio.file.Path.of(args[3])).strip();
        int clients = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        String namespace = args[6];
        LoadGenerator g = new LoadGenerator(args[1], args[2], password);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> g.client(namespace + "/load-c" + id, id, deadline), "client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.exit(g.report(label, clients, elapsed) == 0 ? 0 : 1);
    }

    private void client(String repo, int id, long deadline) {
        Random r = new Random(id * 7919L + System.nanoTime());
        for (int loop = 0; System.nanoTime() < deadline; loop++) {
            try {
                byte[] distinct = new byte[16 * 1024 + r.nextInt(240 * 1024)];
                r.nextBytes(distinct);
                String d1 = timed("push blob (monolithic)", () -> pushMonolithic(repo, distinct));
                byte[] sharedBlob = shared[r.nextInt(shared.length)];
                String d2 = timed("push blob (chunked)", () -> pushChunked(repo, sharedBlob));
                byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + d1 + "\",\"" + d2
                        + "\"]},\"load\":\"" + repo + "/" + loop + "\"}").getBytes(StandardCharsets.UTF_8);
                String dc = timed("push blob (monolithic)", () -> pushMonolithic(repo, config));
                byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                        + dc + "\",\"size\":" + config.length + "},\"layers\":[" + layer(d1, distinct.length) + "," + layer(d2, sharedBlob.length) + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                String tag = "t" + (loop % 20);
                timed("push manifest", () -> {
                    expect(send("PUT", "/v2/" + repo + "/manifests/" + tag, repo, HttpRequest.BodyPublishers.ofByteArray(manifest),
                            "Content-Type", MANIFEST_TYPE), 201);
                    return null;
                });
                timed("pull manifest", () -> {
                    HttpResponse<byte[]> m = expect(send("GET", "/v2/" + repo + "/manifests/" + tag, repo, null, "Accept", MANIFEST_TYPE), 200);
                    if (!digest(m.body()).equals(digest(manifest))) throw new IOException("manifest " + tag + " came back different");
                    return null;
                });
                timed("pull blob", () -> pull(repo, d1));
                timed("pull blob", () -> pull(repo, d2));
                timed("list tags", () -> {
                    HttpResponse<byte[]> l = expect(send("GET", "/v2/" + repo + "/tags/list", repo, null), 200);
                    if (!new String(l.body(), StandardCharsets.UTF_8).contains("\"" + tag + "\"")) throw new IOException("tag " + tag + " not listed");
                    return null;
                });
            } catch (Exception alreadyCounted) {
                // the failed operation was counted; the loop starts over with new content
            }
        }
    }

    private static String layer(String digest, int size) {
        return "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private String pushMonolithic(String repo, byte[] blob) throws Exception {
        String d = digest(blob);
        HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, repo, HttpRequest.BodyPublishers.ofByteArray(blob),
                "Content-Type", "application/octet-stream");
        if (r.statusCode() == 202) { // a registry without monolithic POST (allowed by the spec): finish with PUT
            expect(send("PUT", withDigest(location(r), d), repo, HttpRequest.BodyPublishers.ofByteArray(blob), "Content-Type", "application/octet-stream"), 201);
        } else {
            expect(r, 201);
        }
        return d;
    }

    private String pushChunked(String repo, byte[] blob) throws Exception {
        String d = digest(blob);
        String loc = location(expect(send("POST", "/v2/" + repo + "/blobs/uploads/", repo, HttpRequest.BodyPublishers.noBody()), 202));
        int half = blob.length / 2;
        loc = location(expect(send("PATCH", loc, repo, HttpRequest.BodyPublishers.ofByteArray(blob, 0, half),
                "Content-Type", "application/octet-stream", "Content-Range", "0-" + (half - 1)), 202));
        loc = location(expect(send("PATCH", loc, repo, HttpRequest.BodyPublishers.ofByteArray(blob, half, blob.length - half),
                "Content-Type", "application/octet-stream", "Content-Range", half + "-" + (blob.length - 1)), 202));
        expect(send("PUT", withDigest(loc, d), repo, HttpRequest.BodyPublishers.noBody()), 201);
        return d;
    }

    private Void pull(String repo, String d) throws Exception {
        HttpResponse<byte[]> b = expect(send("GET", "/v2/" + repo + "/blobs/" + d, repo, null), 200);
        if (!digest(b.body()).equals(d)) throw new IOException("blob " + d + " came back different");
        return null;
    }

    private static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    }

    private String location(HttpResponse<byte[]> r) throws IOException {
        return r.headers().firstValue("Location").orElseThrow(() -> new IOException("no Location in " + r.statusCode() + " answer to " + r.request().uri()));
    }

    private static HttpResponse<byte[]> expect(HttpResponse<byte[]> r, int status) throws IOException {
        if (r.statusCode() != status) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            throw new IOException(r.request().method() + " " + r.request().uri().getPath() + " -> HTTP " + r.statusCode() + " "
                    + body.substring(0, Math.min(200, body.length())).replace('\n', ' '));
        }
        return r;
    }

    /** One request, authorised for {@code repo} (pull and push); answers a 401 challenge once. */
    private HttpResponse<byte[]> send(String method, String pathOrUrl, String repo, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        String scope = "repository:" + repo + ":pull,push";
        HttpResponse<byte[]> r = sendOnce(method, pathOrUrl, authorization(scope), body, headers);
        if (r.statusCode() != 401) return r;
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            basicOnly = true;
        } else {
            tokens.put(scope, token(challenge, scope));
        }
        return sendOnce(method, pathOrUrl, authorization(scope), body, headers);
    }

    private String authorization(String scope) {
        if (basicOnly) return basic;
        String t = tokens.get(scope);
        return t == null ? null : "Bearer " + t;
    }

    private String token(String challenge, String scope) throws Exception {
        Map<String, String> p = new TreeMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) p.put(m.group(1).toLowerCase(), m.group(2));
        String realm = p.get("realm");
        if (realm == null) throw new IOException("401 without a usable challenge: " + challenge);
        String url = realm + "?service=" + URLEncoder.encode(p.getOrDefault("service", ""), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = expect(sendOnce("GET", url, basic, null), 200);
        record("token", System.nanoTime() - t0);
        Matcher t = TOKEN.matcher(new String(r.body(), StandardCharsets.UTF_8));
        if (!t.find()) throw new IOException("token endpoint answered without a token");
        return t.group(1);
    }

    private HttpResponse<byte[]> sendOnce(String method, String pathOrUrl, String auth, HttpRequest.BodyPublisher body, String... headers) throws Exception {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(base + pathOrUrl);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (auth != null) b.header("Authorization", auth);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @FunctionalInterface
    private interface Op<T> {
        T run() throws Exception;
    }

    private <T> T timed(String op, Op<T> body) throws Exception {
        long t0 = System.nanoTime();
        try {
            T result = body.run();
            record(op, System.nanoTime() - t0);
            return result;
        } catch (Exception e) {
            errors.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
            firstError.putIfAbsent(op, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private void record(String op, long nanos) {
        latencies.computeIfAbsent(op, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(nanos);
    }

    private long report(String label, int clients, double seconds) {
        long totalOps = 0;
        long totalErrors = 0;
        TreeMap<String, Boolean> ops = new TreeMap<>();
        latencies.keySet().forEach(k -> ops.put(k, true));
        errors.keySet().forEach(k -> ops.put(k, true));
        for (String op : ops.keySet()) {
            List<Long> l = new ArrayList<>(latencies.getOrDefault(op, List.of()));
            l.sort(null);
            long errs = errors.getOrDefault(op, new AtomicLong()).get();
            if (!op.equals("token")) totalOps += l.size(); // a token fetch is auth overhead, not work done
            totalErrors += errs;
            System.out.printf("%s  %-24s %7d ops %8.1f/s  p50 %7.1f ms  p99 %7.1f ms  errors %d%n", label, op, l.size(), l.size() / seconds,
                    pct(l, 0.50), pct(l, 0.99), errs);
            if (errs > 0) System.out.printf("%s  %-24s first error: %s%n", label, op, firstError.get(op));
        }
        System.out.printf("%s  TOTAL %d clients %.0fs: %d ops, %.1f ops/s, errors %d%n", label, clients, seconds, totalOps, totalOps / seconds, totalErrors);
        return totalErrors;
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) return 0;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static String digest(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
