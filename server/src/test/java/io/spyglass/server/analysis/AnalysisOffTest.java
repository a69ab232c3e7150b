package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turning analysis off while analyses wait in the queue: they never run. A node with no workers
 * queues the pushes; a node with workers then starts on the same data and reads no layer.
 */
class AnalysisOffTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void queuedAnalysesOfARepositoryTurnedOffNeverRun() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("alpine/oci");
        Path data = dir.resolve("data");
        Account owner;
        String org;
        String switched;
        String raced;
        try (ServerFixture queuing = withWorkers(0, data)) {
            owner = queuing.newUser("owner");
            org = queuing.newOrg("team", owner);
            Path auth = Skopeo.authFile(dir, queuing.host(), owner.name(), owner.password());
            for (String repo : new String[] {"switched", "raced"}) {
                queuing.hub().repositories().create(org, repo, false);
                assertThat(settings(queuing, org + "/" + repo, owner, "advanced").statusCode()).isEqualTo(200);
            }
            switched = Skopeo.push(dir, "oci:" + layout + ":3.20.3", queuing.host() + "/" + org + "/switched:v1", auth);
            raced = Skopeo.push(dir, "oci:" + layout + ":3.12.12", queuing.host() + "/" + org + "/raced:v1", auth);
            awaitStatus(queuing, org + "/switched", owner, "queued");
            awaitStatus(queuing, org + "/raced", owner, "queued");
            assertThat(job(queuing, switched)).hasValueSatisfying(j -> assertThat(j.state()).isEqualTo("queued"));

            // basic -> none through the API: the queued job is cancelled at once, and the tag says analysis is off
            assertThat(settings(queuing, org + "/switched", owner, "basic").statusCode()).isEqualTo(200);
            assertThat(settings(queuing, org + "/switched", owner, "none").statusCode()).isEqualTo(200);
            assertThat(job(queuing, switched)).hasValueSatisfying(j -> {
                assertThat(j.state()).isEqualTo("failed");
                assertThat(j.error()).startsWith("cancelled: image insight was turned off");
            });
            assertThat(tag(queuing, org + "/switched", owner).path("summary").path("status").asText()).isEqualTo("off");

            // the other repository is switched off behind the queue's back (as by a node that crashed
            // between the two writes): only the check when a worker starts the job can stop it
            long repoId = queuing.hub().repositories().find(org, "raced").orElseThrow().id();
            queuing.server().database().withHandle(h -> h.createUpdate("UPDATE repositories SET image_insight = 'none' WHERE id = :id")
                    .bind("id", repoId).execute());
            assertThat(job(queuing, raced)).hasValueSatisfying(j -> assertThat(j.state()).isEqualTo("queued"));
        }

        try (ServerFixture working = withWorkers(2, data)) {
            long deadline = System.currentTimeMillis() + 120_000;
            // claimed ("running") comes a moment before the worker's check cancels it
            while (List.of("queued", "running").contains(job(working, raced).orElseThrow().state())
                    && System.currentTimeMillis() < deadline) Thread.sleep(100);
            assertThat(job(working, raced)).hasValueSatisfying(j -> {
                assertThat(j.state()).isEqualTo("failed");
                assertThat(j.error()).startsWith("cancelled:");
            });
            assertThat(working.server().analysis().layerReads()).isZero();
            assertThat(storedSboms(working)).isZero();
            assertThat(working.server().analysis().pendingJobs()).isZero();

            // turned on again, the cancelled image is queued afresh and analysed
            assertThat(settings(working, org + "/switched", owner, "basic").statusCode()).isEqualTo(200);
            JsonNode done = awaitStatus(working, org + "/switched", owner, "done");
            assertThat(done.path("images").get(0).path("digest").asText()).isEqualTo(switched);
            assertThat(working.server().analysis().layerReads()).isPositive();
            assertThat(tag(working, org + "/raced", owner).path("summary").path("status").asText()).isEqualTo("off");
        }
    }

    record JobRow(String state, String error) {}

    static ServerFixture withWorkers(int workers, Path data) throws Exception {
        System.setProperty("spyglass.analysis.workers", Integer.toString(workers));
        try {
            return ServerFixture.sqliteAndFolder(data);
        } finally {
            System.clearProperty("spyglass.analysis.workers");
        }
    }

    static Optional<JobRow> job(ServerFixture fx, String digest) {
        return fx.server().database().withHandle(h -> h.createQuery("SELECT state, last_error FROM analysis_jobs WHERE job_key = :k")
                .bind("k", AnalysisJobs.ANALYSE + ":" + digest)
                .map((rs, ctx) -> new JobRow(rs.getString("state"), rs.getString("last_error"))).findOne());
    }

    static long storedSboms(ServerFixture fx) {
        return fx.server().database().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM image_analyses WHERE sbom IS NOT NULL")
                .mapTo(Long.class).one());
    }

    static HttpResponse<byte[]> settings(ServerFixture fx, String repo, Account who, String value) {
        return fx.send("PUT", "/api/repositories/" + repo + "/settings", who.basic(),
                ("{\"imageInsight\":\"" + value + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    }

    static JsonNode tag(ServerFixture fx, String repo, Account who) throws Exception {
        HttpResponse<byte[]> r = fx.send("GET", "/api/repositories/" + repo + "/tags/v1", who.basic(), null);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode awaitStatus(ServerFixture fx, String repo, Account who, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = tag(fx, repo, who);
            if (last.path("summary").path("status").asText().equals(status)) return last;
            Thread.sleep(100);
        }
        throw new AssertionError(repo + ":v1 did not become " + status + "; last: " + last);
    }
}
