package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.SpyglassServer;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.testing.PostgresS3Stack;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes share one PostgreSQL database and one S3 bucket: both take analysis jobs (claimed with
 * FOR UPDATE SKIP LOCKED), every image is analysed exactly once, and each node serves the reports.
 */
class MultiNodeAnalysisTest {
    @TempDir
    Path dir;

    @Test
    void twoNodesShareTheQueueAndNoImageIsAnalysedTwice() throws Exception {
        Skopeo.assumeInstalled();
        List<String[]> images = List.of(
                new String[] {"debian/oci", "bookworm"}, new String[] {"alpine/oci", "3.12.12"},
                new String[] {"alpine/oci", "3.20.3"}, new String[] {"arch/oci", "arch"},
                new String[] {"rpm/oci", "el9-sqlite"}, new String[] {"rpm/oci", "el7-bdb"});
        try (PostgresS3Stack stack = PostgresS3Stack.start(dir)) {
            SpyglassServer a = SpyglassServer.start(stack.config(dir.resolve("node-a")));
            SpyglassServer b = SpyglassServer.start(stack.config(dir.resolve("node-b")));
            try {
                Hub hub = a.hub();
                hub.organizations().create("multi", Plan.BUSINESS, hub.users().create("multiuser", "multi-password"));
                Repository repo = hub.repositories().create("multi", "app", false);
                Path authA = Skopeo.authFile(dir, "127.0.0.1:" + a.port(), "multiuser", "multi-password");
                Path authB = Skopeo.authFile(dir, "127.0.0.1:" + b.port(), "multiuser", "multi-password");
                for (int i = 0; i < images.size(); i++) {
                    Path layout = SharedData.requireCorpus(images.get(i)[0]);
                    // pushes go to either node; analysis is off until all are there, so the jobs arrive together
                    String host = i % 2 == 0 ? "127.0.0.1:" + a.port() : "127.0.0.1:" + b.port();
                    Skopeo.push(dir, "oci:" + layout + ":" + images.get(i)[1], host + "/multi/app:t" + i, i % 2 == 0 ? authA : authB);
                    Skopeo.push(dir, "oci:" + layout + ":" + images.get(i)[1], host + "/multi/app:u" + i, i % 2 == 0 ? authA : authB);
                }
                a.analysis().insight().change(io.spyglass.server.hub.Caller.password(hub.users().require("multiuser")), repo, "advanced");
                // node a's workers are woken by its own change; b's would wait for their next poll, by which time a
                // loaded machine may have let a take every job. Waking b as its poll would makes both compete at once.
                b.analysis().nudge();
                long deadline = System.currentTimeMillis() + 240_000;
                while (System.currentTimeMillis() < deadline && (a.analysis().pendingJobs() > 0 || doneCount(a) < images.size())) {
                    Thread.sleep(100);
                }
                List<Map<String, Object>> rows = a.database().withHandle(h -> h.createQuery(
                        "SELECT a.manifest_digest, a.status, a.analyses, j.attempts, j.worker FROM image_analyses a "
                                + "JOIN analysis_jobs j ON j.job_key = 'analyse:' || a.manifest_digest").mapToMap().list());
                assertThat(rows).hasSize(images.size());
                Set<String> nodes = new TreeSet<>();
                for (Map<String, Object> r : rows) {
                    assertThat(r.get("status")).isEqualTo("done");
                    assertThat(((Number) r.get("analyses")).longValue()).as("analysed once").isEqualTo(1);
                    assertThat(((Number) r.get("attempts")).longValue()).isEqualTo(1);
                    String worker = (String) r.get("worker");
                    nodes.add(worker.substring(0, worker.lastIndexOf("-w")));
                }
                assertThat(nodes).as("both nodes took jobs").hasSize(2);
                // each node reads the other's results, blobs from the shared bucket
                assertThat(b.analysis().reports().tags(io.spyglass.server.hub.Caller.ANONYMOUS, "multi", "app").orElseThrow()
                        .tags()).allMatch(t -> t.status().equals("done"));
            } finally {
                b.stop();
                a.stop();
            }
        }
    }

    private static long doneCount(SpyglassServer s) {
        return s.database().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM image_analyses WHERE status = 'done'")
                .mapTo(Long.class).one());
    }
}
