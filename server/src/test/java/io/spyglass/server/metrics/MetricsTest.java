package io.spyglass.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull with skopeo, then read {@code /metrics} as Prometheus would. */
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    void aPushAndAPullShowUpByRouteFamilyWithTheirBytesJobsAndAdvisoryAge() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("alpine/oci");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            fx.server().analysis().advisoryStore().replaceSource("obs-feed",
                    List.of(Advisory.builder("OBS-1", "obs-feed").alias("CVE-2099-0300").build()), "1");
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("secretorg", owner);
            fx.analysedRepository(owner, org, "hidden", true, "basic");
            fx.push(dir, owner, "oci:" + layout + ":3.20.3", org + "/hidden:v1");
            fx.awaitStatus(owner, org + "/hidden", "v1", "done");
            Skopeo.Result pulled = Skopeo.pull(dir, fx.host() + "/" + org + "/hidden:v1", dir.resolve("pulled"),
                    Skopeo.authFile(dir, fx.host(), owner.name(), owner.password()));
            assertThat(pulled.exit()).as(pulled.output()).isZero();
            fx.awaitNoJobs();

            // the blobs of the image, as the layout has them: config and layers
            JsonNode manifest = CorpusBuild.manifest(layout, "3.20.3");
            long blobBytes = manifest.path("config").path("size").asLong();
            int blobs = 1;
            for (JsonNode layer : manifest.path("layers")) {
                blobBytes += layer.path("size").asLong();
                blobs++;
            }

            // a request is counted when its answer is done: the client may be a moment ahead
            Map<String, Double> m = Map.of();
            for (long deadline = System.currentTimeMillis() + 10_000; System.currentTimeMillis() < deadline; Thread.sleep(100)) {
                m = scrape(fx);
                if (value(m, "spyglass_registry_pulled_bytes_total") >= blobBytes) break;
            }
            assertThat(value(m, "spyglass_registry_pushed_bytes_total")).isEqualTo(blobBytes);
            assertThat(value(m, "spyglass_registry_pulled_bytes_total")).isEqualTo(blobBytes);
            assertThat(value(m, "spyglass_http_requests_seconds_count{family=\"uploads\",method=\"PUT\",status=\"201\"}")).isEqualTo(blobs);
            assertThat(value(m, "spyglass_http_requests_seconds_count{family=\"blobs\",method=\"GET\",status=\"200\"}")).isEqualTo(blobs);
            assertThat(value(m, "spyglass_http_requests_seconds_count{family=\"manifests\",method=\"PUT\",status=\"201\"}")).isEqualTo(1);
            assertThat(value(m, "spyglass_http_requests_seconds_count{family=\"manifests\",method=\"GET\",status=\"200\"}")).isGreaterThanOrEqualTo(1);
            assertThat(value(m, "spyglass_http_requests_seconds_count{family=\"token\",method=\"GET\",status=\"200\"}")).isGreaterThanOrEqualTo(1);
            assertThat(value(m, "spyglass_http_requests_seconds_count{family=\"api\",method=\"PUT\",status=\"200\"}")).isEqualTo(1);
            assertThat(m).containsKey("spyglass_http_requests_seconds_bucket{family=\"blobs\",method=\"GET\",status=\"200\",le=\"+Inf\"}");

            assertThat(value(m, "spyglass_analysis_job_duration_seconds_count{kind=\"analyse\",outcome=\"done\"}")).isEqualTo(1);
            assertThat(value(m, "spyglass_analysis_jobs{state=\"queued\"}")).isZero();
            assertThat(value(m, "spyglass_analysis_jobs{state=\"running\"}")).isZero();
            assertThat(value(m, "spyglass_analysis_jobs{state=\"failed\"}")).isZero();
            assertThat(value(m, "spyglass_advisory_data_age_seconds{source=\"obs-feed\"}")).isBetween(0.0, 3600.0);

            assertThat(m).containsKeys("hikaricp_connections_max{pool=\"spyglass-db\"}", "process_cpu_usage", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes");
            assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));
            assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_gc_"));
            // a private repository's name is nowhere in the metrics
            String text = new String(fx.send("GET", "/metrics", null, null).body(), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain(org).doesNotContain("hidden");
        }
    }

    @Test
    void aFailedAnalysisIsCountedAndAMetricsTokenIsEnforced() throws Exception {
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("fail", owner);
            String repo = fx.analysedRepository(owner, org, "broken", false, "basic");
            byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
            byte[] layer = ("not a tar " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
            String c = pushBlob(fx, owner, repo, config), l = pushBlob(fx, owner, repo, layer);
            byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length + "},"
                    + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + l + "\",\"size\":" + layer.length + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(fx.send("PUT", "/v2/" + repo + "/manifests/bad", owner.basic(), body,
                    "Content-Type", "application/vnd.oci.image.manifest.v1+json").statusCode()).isEqualTo(201);
            fx.awaitStatus(owner, repo, "bad", "failed");
            Map<String, Double> m = scrape(fx);
            assertThat(value(m, "spyglass_analysis_job_failures_total{kind=\"analyse\"}")).isEqualTo(1);
            assertThat(value(m, "spyglass_analysis_jobs{state=\"failed\"}")).isEqualTo(1);
            assertThat(value(m, "spyglass_registry_pushed_bytes_total")).isEqualTo(config.length + layer.length);
        }
        try (io.spyglass.server.SpyglassServer server = io.spyglass.server.SpyglassServer.start(
                new io.spyglass.server.ServerConfig(0, dir.resolve("data2")), new MetricsAccess("scrape-secret-1"))) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics");
            HttpResponse<String> none = http.send(java.net.http.HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = http.send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer scrape-secret-2").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> right = http.send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer scrape-secret-1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            assertThat(right.body()).contains("spyglass_http_requests_seconds_count{family=\"ops\",method=\"GET\",status=\"401\"} 2");
        }
    }

    private static String pushBlob(ServerFixture fx, Account who, String repo, byte[] bytes) throws Exception {
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        HttpResponse<byte[]> r = fx.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, who.basic(), bytes,
                "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(201);
        return digest;
    }

    /** The samples of a Prometheus text answer: {@code name{labels}} to value. */
    static Map<String, Double> scrape(ServerFixture fx) {
        HttpResponse<byte[]> r = fx.send("GET", "/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static double value(Map<String, Double> samples, String key) {
        assertThat(samples).as("metrics").containsKey(key);
        return samples.get(key);
    }
}
