package io.spyglass.advisory.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A local HTTP server laid out like every upstream feed, {@code /HOST/PATH} for {@code https://HOST/PATH}
 * (what {@code --mirror} reads), built at test time from the real samples in {@code ../shared/data/advisories}:
 * small zips and tars in memory, nothing committed. It answers like the upstreams do: ETag and 304,
 * {@code x-goog-hash} on osv.dev's bucket, NVD's paged API, and on request a cut body or a 429.
 */
final class FeedMirror implements AutoCloseable {
    static final String OSV = "/osv-vulnerabilities.storage.googleapis.com/";
    static final String NVD = "/services.nvd.nist.gov/rest/json/cves/2.0";
    static final String VEX = "/security.access.redhat.com/data/csaf/v2/vex/";
    static final String ARCHIVE = "csaf_vex_2025-02-15.tar.zst";

    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Paths whose body is cut off after half its Content-Length. */
    final Set<String> cut = ConcurrentHashMap.newKeySet();
    /** Paths whose body stops after half, the connection left open (a stalled upstream). */
    final Set<String> stall = ConcurrentHashMap.newKeySet();
    /** Paths whose x-goog-hash names a wrong md5. */
    final Set<String> badHash = ConcurrentHashMap.newKeySet();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> apiKeys = new CopyOnWriteArrayList<>();
    final List<JsonNode> nvdCves = new ArrayList<>();
    /** CVEs NVD reports as modified for any lastModStartDate query. */
    final List<JsonNode> nvdChanged = new CopyOnWriteArrayList<>();
    volatile int nvdThrottle;
    private final HttpServer server;
    private final ServerSocket cutter;

    FeedMirror(Path advisories) throws IOException {
        build(advisories);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        cutter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::cutConnections, "feed-mirror-cutter");
        t.setDaemon(true);
        t.start();
    }

    // Answers with the whole Content-Length, sends half the body, and closes the connection.
    private void cutConnections() {
        while (!cutter.isClosed()) {
            try (Socket s = cutter.accept()) {
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String path = URI.create(in.readLine().split(" ")[1]).getPath();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // request headers are not needed
                }
                byte[] body = files.getOrDefault(path, new byte[0]);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, body.length / 2);
                out.flush();
                if (stall.contains(path)) Thread.sleep(20_000);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // the listener was closed, or a client went away
            }
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            cutter.close();
        } catch (IOException ignored) {
            // closing a test listener
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestURI().toString());
            String key = ex.getRequestHeaders().getFirst("apiKey");
            if (key != null) apiKeys.add(key);
            if (path.equals(NVD)) {
                nvd(ex);
                return;
            }
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"" + HexFormat.of().formatHex(sha256(body)).substring(0, 16) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Last-Modified", "Sat, 05 Dec 2026 06:00:00 GMT");
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            if (path.startsWith(OSV)) {
                byte[] md5 = digest("MD5", badHash.contains(path) ? "not these bytes".getBytes() : body);
                ex.getResponseHeaders().set("x-goog-hash", "crc32c=AAAAAA==,md5=" + Base64.getEncoder().encodeToString(md5));
            }
            if (cut.contains(path) || stall.contains(path)) {
                // the JDK server keeps a short connection open; a raw socket can drop it as a broken network does
                ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + cutter.getLocalPort() + ex.getRequestURI().getRawPath());
                ex.sendResponseHeaders(302, -1);
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body);
        }
    }

    private void nvd(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (nvdThrottle > 0) {
            nvdThrottle--;
            ex.getResponseHeaders().set("Retry-After", "7");
            ex.sendResponseHeaders(429, -1);
            return;
        }
        int per = Integer.parseInt(q.getOrDefault("resultsPerPage", "2000"));
        int start = Integer.parseInt(q.getOrDefault("startIndex", "0"));
        if (per > 2000 || per < 1 || start < 0) {
            ex.sendResponseHeaders(404, -1); // NVD answers 404 to parameters out of range
            return;
        }
        List<JsonNode> all = q.containsKey("lastModStartDate") ? nvdChanged : nvdCves;
        ObjectNode page = FeedTrees.JSON.createObjectNode();
        List<JsonNode> slice = all.subList(Math.min(start, all.size()), Math.min(start + per, all.size()));
        page.put("resultsPerPage", slice.size()).put("startIndex", start).put("totalResults", all.size())
                .put("format", "NVD_CVE").put("version", "2.0").put("timestamp", "2026-12-05T06:00:00.000");
        ArrayNode vulns = page.putArray("vulnerabilities");
        for (JsonNode cve : slice) vulns.addObject().set("cve", cve);
        byte[] body = FeedTrees.JSON.writeValueAsBytes(page);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) return q;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) q.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    // ---- the upstream layouts, from the shared samples ----

    private void build(Path a) throws IOException {
        Map<String, java.util.Set<Path>> ghsaByEcosystem = new LinkedHashMap<>();
        for (Path f : list(a.resolve("ghsa"), "GHSA-", ".json")) {
            for (JsonNode aff : FeedTrees.JSON.readTree(f.toFile()).path("affected")) {
                ghsaByEcosystem.computeIfAbsent(aff.path("package").path("ecosystem").asText(), k -> new java.util.LinkedHashSet<>()).add(f);
            }
        }
        List<Path> anyGhsa = list(a.resolve("ghsa"), "GHSA-", ".json").subList(0, 2);
        for (String eco : List.of("npm", "Maven", "NuGet", "RubyGems", "Packagist", "crates.io", "GitHub Actions", "Pub", "Hex")) {
            files.put(OSV + eco + "/all.zip", zip("", List.copyOf(ghsaByEcosystem.getOrDefault(eco, new java.util.LinkedHashSet<>(anyGhsa))), false));
        }
        files.put(OSV + "Go/all.zip", zip("", list(a.resolve("golang-vulndb/data/osv"), "GO-2022-", ".json"), false));
        // osv.dev serves PyPA's records as JSON; the repository writes YAML
        files.put(OSV + "PyPI/all.zip", zip("", firstYaml(a.resolve("pypa-advisory-database/vulns"), 40), true));
        Path ubuntu = a.resolve("distro-samples/ubuntu/anchore/vunnel/tests/unit/providers/ubuntu/test-fixtures/osv");
        files.put(OSV + "Ubuntu/all.zip", zip("", walk(ubuntu, ".json"), false));
        files.put("/github.com/rubysec/ruby-advisory-db/archive/refs/heads/master.zip",
                zip("ruby-advisory-db-master/gems/rack/", list(a.resolve("rubysec-ruby-advisory-db/gems/rack"), "CVE-", ".yml"), false));
        files.put("/github.com/FriendsOfPHP/security-advisories/archive/refs/heads/master.zip",
                zip("security-advisories-master/cakephp/cakephp/", list(a.resolve("friendsofphp-security-advisories/cakephp/cakephp"), "", ".yaml"), false));
        Path secdb = a.resolve("distro-samples/alpine/MaineK00n/vuls-data-update/pkg/fetch/alpine/secdb/testdata/fixtures");
        files.put("/secdb.alpinelinux.org/", Files.readAllBytes(secdb.resolve("indexof.html")));
        for (String f : List.of("edge/main.json", "edge/community.json", "v3.16/main.json", "v3.16/community.json", "v3.2/main.json")) {
            files.put("/secdb.alpinelinux.org/" + f, Files.readAllBytes(secdb.resolve(f)));
        }
        files.put("/security-tracker.debian.org/tracker/data/json", Files.readAllBytes(
                a.resolve("distro-samples/debian/anchore/vunnel/tests/unit/providers/debian/test-fixtures/input/debian.json")));
        files.put("/security.archlinux.org/all.json", Files.readAllBytes(
                a.resolve("distro-samples/arch/anchore/vunnel/tests/unit/providers/arch/test-fixtures/input/arch-advisories/all.json")));
        Path vunnel = a.resolve("distro-samples/wolfi/anchore/vunnel/tests/unit/providers");
        files.put("/packages.wolfi.dev/os/security.json", Files.readAllBytes(vunnel.resolve("wolfi/test-fixtures/input/secdb/security.json")));
        files.put("/packages.cgr.dev/chainguard/security.json", Files.readAllBytes(vunnel.resolve("chainguard/test-fixtures/input/secdb/security.json")));
        files.put("/www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
                Files.readAllBytes(a.resolve("kev/known_exploited_vulnerabilities.json")));
        files.put("/epss.empiricalsecurity.com/epss_scores-current.csv.gz",
                Files.readAllBytes(a.resolve("epss/MaineK00n/vuls-data-update/pkg/fetch/epss/testdata/fixtures/epss_scores-2023-03-07.csv.gz")));
        redHat(a.resolve("distro-samples/redhat/anchore/vunnel/tests/unit/providers/rhel/test-fixtures/csaf/advisories"));
        for (Path f : list(a.resolve("nvd"), "CVE-", ".json")) nvdCves.add(FeedTrees.JSON.readTree(f.toFile()));
    }

    // The archive holds two documents; a third changed after the archive's date and is listed in changes.csv.
    private void redHat(Path advisories) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new ZstdOutputStream(tar))) {
            for (String f : List.of("rhsa-2023_7025.json", "rhsa-2023_3821.json")) {
                byte[] b = Files.readAllBytes(advisories.resolve(f));
                TarArchiveEntry e = new TarArchiveEntry("2023/" + f);
                e.setSize(b.length);
                t.putArchiveEntry(e);
                t.write(b);
                t.closeArchiveEntry();
            }
        }
        byte[] archive = tar.toByteArray();
        files.put(VEX + "archive_latest.txt", (ARCHIVE + "\n").getBytes());
        files.put(VEX + ARCHIVE, archive);
        files.put(VEX + ARCHIVE + ".sha256", (HexFormat.of().formatHex(sha256(archive)) + "  " + ARCHIVE + "\n").getBytes());
        files.put(VEX + "2024/rhsa-2024_6163.json", Files.readAllBytes(advisories.resolve("2024/rhsa-2024_6163.json")));
        files.put(VEX + "changes.csv", ("\"2024/rhsa-2024_6163.json\",\"2025-02-18T14:28:08+00:00\"\n"
                + "\"2023/rhsa-2023_7025.json\",\"2025-02-10T10:00:00+00:00\"\n"
                + "\"2023/rhsa-2023_3821.json\",\"2025-01-10T10:00:00+00:00\"\n").getBytes());
        files.put(VEX + "deletions.csv", "\"2019/cve-2019-0001.json\",\"2025-01-01T00:00:00+00:00\"\n".getBytes());
    }

    static byte[] zip(String prefix, List<Path> entries, boolean yamlToJson) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Path f : entries) {
                byte[] b = Files.readAllBytes(f);
                String name = f.getFileName().toString();
                if (yamlToJson) {
                    b = FeedTrees.JSON.writeValueAsBytes(FeedTrees.read(name, b));
                    name = name.replaceAll("\\.ya?ml$", ".json");
                }
                z.putNextEntry(new ZipEntry(prefix + name));
                z.write(b);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<Path> list(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }

    private static List<Path> walk(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<Path> firstYaml(Path dir, int n) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().limit(n).toList();
        }
    }

    static byte[] sha256(byte[] b) {
        return digest("SHA-256", b);
    }

    private static byte[] digest(String alg, byte[] b) {
        try {
            return MessageDigest.getInstance(alg).digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
