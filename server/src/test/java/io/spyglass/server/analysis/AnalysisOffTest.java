package io.spyglass.server.analysis;

import io.spyglass.server.analysis.job.AnalysisJobs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
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
            for (String repo : new String[] {"switched", "raced"}) queuing.analysedRepository(owner, org, repo, false, "advanced");
            switched = queuing.push(dir, owner, "oci:" + layout + ":3.20.3", org + "/switched:v1");
            raced = queuing.push(dir, owner, "oci:" + layout + ":3.12.12", org + "/raced:v1");
            queuing.awaitStatus(owner, org + "/switched", "v1", "queued");
            queuing.awaitStatus(owner, org + "/raced", "v1", "queued");
            assertThat(job(queuing, switched)).hasValueSatisfying(j -> assertThat(j.state()).isEqualTo("queued"));

            // basic -> none through the API: the queued job is cancelled at once, and the tag says analysis is off
            assertThat(queuing.setInsight(owner, org + "/switched", "basic").statusCode()).isEqualTo(200);
            assertThat(queuing.setInsight(owner, org + "/switched", "none").statusCode()).isEqualTo(200);
            assertThat(job(queuing, switched)).hasValueSatisfying(j -> {
                assertThat(j.state()).isEqualTo("failed");
                assertThat(j.error()).startsWith("cancelled: image insight was turned off");
            });
            assertThat(ServerFixture.status(queuing.report(owner, org + "/switched", "v1"))).isEqualTo("off");

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
            assertThat(working.setInsight(owner, org + "/switched", "basic").statusCode()).isEqualTo(200);
            JsonNode done = working.awaitStatus(owner, org + "/switched", "v1", "done");
            assertThat(done.path("images").get(0).path("digest").asText()).isEqualTo(switched);
            assertThat(working.server().analysis().layerReads()).isPositive();
            assertThat(ServerFixture.status(working.report(owner, org + "/raced", "v1"))).isEqualTo("off");
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
        return fx.server().database().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM image_sboms")
                .mapTo(Long.class).one());
    }
}
