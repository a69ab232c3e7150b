package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.server.SpyglassServer;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.store.Database;
import io.spyglass.server.testing.PostgresS3Stack;
import io.spyglass.testing.SharedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many tag writes at once, through both nodes of a PostgreSQL + S3 pair, to the same and to
 * different tags of three repositories, while owners save the image insight setting of those
 * repositories on both nodes (each save queues every tag of the repository) and the workers of
 * both nodes analyse and store results. The dispatchers, the settings saves and the workers all
 * write tag_images, image_analyses and analysis_jobs: no transaction may deadlock (PostgreSQL's own
 * deadlock count stays 0, nothing had to be retried), every tag ends up pointing at the image it
 * was last pushed with, and every image is analysed exactly once.
 */
class ConcurrentTagWritesTest {
    private static final String USER = "racer";
    private static final String PASSWORD = "racer-password";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final int PUSHERS = 6;
    private static final int PUSHES_EACH = 12;
    private static final int SAVERS = 4;
    private static final int SAVES_EACH = 10;

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void concurrentPushesAndSettingsSavesOnTwoNodesNeitherDeadlockNorLoseAJob() throws Exception {
        Skopeo.assumeInstalled();
        Path alpine = SharedData.requireCorpus("alpine/oci");
        try (PostgresS3Stack stack = PostgresS3Stack.start(dir)) {
            SpyglassServer a = SpyglassServer.start(stack.config(dir.resolve("node-a")));
            SpyglassServer b = SpyglassServer.start(stack.config(dir.resolve("node-b")));
            List<SpyglassServer> nodes = List.of(a, b);
            try {
                Hub hub = a.hub();
                Caller owner = Caller.password(hub.users().create(USER, PASSWORD));
                hub.organizations().create("race", Plan.BUSINESS, hub.users().require(USER));
                Path auth = Skopeo.authFile(dir, "127.0.0.1:" + a.port(), USER, PASSWORD);
                List<Repository> repos = new ArrayList<>();
                for (int r = 0; r < 3; r++) repos.add(hub.repositories().create("race", "app" + r, false));
                // analysis is off while the images arrive, so nothing is queued before the race
                Skopeo.push(dir, "oci:" + alpine + ":3.12.12", "127.0.0.1:" + a.port() + "/race/app0:old", auth);
                Skopeo.push(dir, "oci:" + alpine + ":3.20.3", "127.0.0.1:" + a.port() + "/race/app0:new", auth);
                byte[] old = get(a, "race/app0", "old");
                byte[] fresh = get(a, "race/app0", "new");
                for (String repo : List.of("race/app1", "race/app2")) {
                    for (byte[] m : List.of(old, fresh)) mountBlobs(a, m, repo);
                    assertThat(put(a, repo, "old", old, OCI_MANIFEST).statusCode()).isEqualTo(201);
                    assertThat(put(a, repo, "new", fresh, OCI_MANIFEST).statusCode()).isEqualTo(201);
                }
                // four images (the same layers under another manifest annotation are another image) and two
                // indexes naming two of them in opposite orders: a transaction locks several rows at once
                byte[] oldB = annotated(old);
                byte[] freshB = annotated(fresh);
                List<byte[]> manifests = List.of(old, fresh, oldB, freshB, index(old, fresh), index(freshB, oldB));
                for (int r = 0; r < 3; r++) {
                    // an index may only name manifests its repository holds
                    assertThat(put(a, "race/app" + r, "old-b", oldB, OCI_MANIFEST).statusCode()).isEqualTo(201);
                    assertThat(put(a, "race/app" + r, "new-b", freshB, OCI_MANIFEST).statusCode()).isEqualTo(201);
                }

                ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + SAVERS);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < PUSHERS; i++) {
                    int t = i;
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int k = 0; k < PUSHES_EACH; k++) {
                            SpyglassServer node = nodes.get((t + k) % 2);
                            String repo = "race/app" + ((t + k) % 3);
                            // four tags shared by every pusher: the same tag is written from both nodes at once
                            String tag = "t" + ((t * 7 + k) % 4);
                            int m = (t + 5 * k) % manifests.size();
                            HttpResponse<String> put = put(node, repo, tag, manifests.get(m), m >= 4 ? OCI_INDEX : OCI_MANIFEST);
                            if (put.statusCode() != 201) errors.add("PUT " + repo + ":" + tag + " -> " + put.statusCode() + " " + put.body());
                        }
                        return null;
                    }));
                }
                for (int i = 0; i < SAVERS; i++) {
                    SpyglassServer node = nodes.get(i % 2);
                    int first = i;
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int k = 0; k < SAVES_EACH; k++) {
                            Repository repo = repos.get((first + k) % 3);
                            try {
                                node.analysis().insight().change(owner, repo, "advanced");
                            } catch (RuntimeException e) {
                                errors.add("saving the setting of " + repo.name() + ": " + e);
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
                pool.shutdown();
                assertThat(errors).as("pushes and settings saves").isEmpty();

                awaitQuiet(a, 180_000);
                assertTagsPointAtTheirLastPush(a.database());
                assertEveryImageAnalysedOnce(a.database());
                assertThat(a.database().retries() + b.database().retries()).as("transactions retried after a deadlock").isZero();
            } finally {
                b.stop();
                a.stop();
            }
            assertThat(deadlocks(stack.jdbcUrl())).as("deadlocks PostgreSQL detected").isZero();
        }
    }

    /** Until every event is dispatched and no job is waiting (both nodes share the tables). */
    private static void awaitQuiet(SpyglassServer s, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            boolean quiet = s.database().withHandle(h -> h.createQuery(
                    "SELECT (SELECT COALESCE(MAX(id), 0) FROM events) = (SELECT COALESCE(MAX(last_id), 0) FROM analysis_cursor) "
                            + "AND NOT EXISTS (SELECT 1 FROM analysis_jobs WHERE state IN ('queued', 'running')) "
                            + "AND NOT EXISTS (SELECT 1 FROM image_analyses WHERE status IN ('queued', 'analysing'))")
                    .mapTo(Boolean.class).one());
            if (quiet) return;
            Thread.sleep(200);
        }
        throw new AssertionError("events not dispatched or jobs not finished within " + millis / 1000 + " s");
    }

    private static void assertTagsPointAtTheirLastPush(Database db) {
        List<Map<String, Object>> stale = db.withHandle(h -> h.createQuery(
                "SELECT t.repository_id, t.name, t.digest, ti.tag_digest FROM tags t LEFT JOIN tag_images ti "
                        + "ON ti.repository_id = t.repository_id AND ti.tag = t.name "
                        + "WHERE ti.tag_digest IS NULL OR ti.tag_digest <> t.digest").mapToMap().list());
        assertThat(stale).as("tags whose recorded images are not those of the manifest they point at").isEmpty();
        long tagged = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tags WHERE name LIKE 't%'").mapTo(Long.class).one());
        assertThat(tagged).as("the racing tags exist").isEqualTo(12);
    }

    private static void assertEveryImageAnalysedOnce(Database db) {
        List<Map<String, Object>> rows = db.withHandle(h -> h.createQuery(
                "SELECT a.manifest_digest, a.status, a.analyses, j.state, j.attempts FROM image_analyses a "
                        + "JOIN analysis_jobs j ON j.job_key = 'analyse:' || a.manifest_digest").mapToMap().list());
        assertThat(rows).as("one analysis and one job per image: four").hasSize(4);
        for (Map<String, Object> r : rows) {
            assertThat(r.get("status")).as("status of %s", r.get("manifest_digest")).isEqualTo("done");
            assertThat(r.get("state")).as("job of %s", r.get("manifest_digest")).isEqualTo("done");
            assertThat(((Number) r.get("analyses")).longValue()).as("analyses of %s", r.get("manifest_digest")).isEqualTo(1);
            assertThat(((Number) r.get("attempts")).longValue()).as("attempts of %s", r.get("manifest_digest")).isEqualTo(1);
        }
        long untracked = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tag_images ti WHERE NOT EXISTS "
                + "(SELECT 1 FROM image_analyses a WHERE a.manifest_digest = ti.manifest_digest)").mapTo(Long.class).one());
        assertThat(untracked).as("tagged images with no analysis").isZero();
    }

    /**
     * PostgreSQL's count of deadlocks in this database. A backend reports its counts when it ends,
     * so this waits for the nodes' connections to be gone first.
     */
    private static long deadlocks(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (count(c, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") > 0) {
                if (System.currentTimeMillis() > deadline) throw new AssertionError("the nodes' connections did not close");
                Thread.sleep(100);
            }
            c.createStatement().execute("SELECT pg_stat_clear_snapshot()");
            return count(c, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private byte[] get(SpyglassServer node, String repo, String tag) throws Exception {
        HttpResponse<byte[]> r = http.send(request(node, repo, tag).header("Accept", OCI_MANIFEST).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s:%s", repo, tag).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> put(SpyglassServer node, String repo, String tag, byte[] body, String mediaType) throws Exception {
        return http.send(request(node, repo, tag).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(SpyglassServer node, String repo, String tag) {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/v2/" + repo + "/manifests/" + tag))
                .header("Authorization", "Basic " + basic);
    }

    /** Mounts the config and layers of {@code manifest} from race/app0 into {@code repo}. */
    private void mountBlobs(SpyglassServer node, byte[] manifest, String repo) throws Exception {
        JsonNode m = JSON.readTree(manifest);
        List<String> digests = new ArrayList<>(List.of(m.path("config").path("digest").asText()));
        m.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
        for (String d : digests) {
            String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/v2/" + repo
                            + "/blobs/uploads/?mount=" + d + "&from=race/app0")).header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("mount %s into %s", d, repo).isEqualTo(201);
        }
    }

    /** The same image under another manifest digest: an annotation added. */
    private static byte[] annotated(byte[] manifest) throws Exception {
        ObjectNode m = (ObjectNode) JSON.readTree(manifest);
        m.putObject("annotations").put("io.spyglass.test.race", "b");
        return JSON.writeValueAsBytes(m);
    }

    /** An OCI index of the two alpine manifests, as a multi-image tag would be. */
    private static byte[] index(byte[] first, byte[] second) throws Exception {
        String entries = entry(first) + "," + entry(second);
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + entries + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String entry(byte[] manifest) throws Exception {
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(manifest));
        return "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + manifest.length
                + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}";
    }
}
