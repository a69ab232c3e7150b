package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.registry.ChildServer;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the server while it analyses an image: after a restart the job is redone and finishes. */
class AnalysisCrashTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerKilledMidAnalysisLeavesTheJobToBeRedone() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("debian/oci");
        Path data = dir.resolve("data");
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            Hub hub = Hub.over(db, false);
            hub.organizations().create("crashorg", Plan.TEAM, hub.users().create("crash", "crash-password"));
            hub.repositories().update(hub.repositories().create("crashorg", "app", false), null, null, "advanced");
        }
        Process first = startChild(data);
        String digest;
        try {
            int port = ChildServer.port(first);
            Path auth = Skopeo.authFile(dir, "127.0.0.1:" + port, "crash", "crash-password");
            digest = Skopeo.push(dir, "oci:" + layout + ":bookworm", "127.0.0.1:" + port + "/crashorg/app:1", auth);
            awaitStatus(data, digest, "analysing", 120_000);
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertThat(status(data, digest)).as("killed mid-analysis").contains("analysing");

        Process second = startChild(data);
        try {
            ChildServer.port(second);
            awaitStatus(data, digest, "done", 240_000);
        } finally {
            second.destroyForcibly().waitFor();
        }
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            long analyses = db.withHandle(h -> h.createQuery("SELECT analyses FROM image_analyses WHERE manifest_digest = :d")
                    .bind("d", digest).mapTo(Long.class).one());
            long attempts = db.withHandle(h -> h.createQuery("SELECT attempts FROM analysis_jobs WHERE job_key = :k")
                    .bind("k", "analyse:" + digest).mapTo(Long.class).one());
            long packages = db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM image_packages WHERE manifest_digest = :d")
                    .bind("d", digest).mapTo(Long.class).one());
            assertThat(analyses).as("results stored once").isEqualTo(1);
            assertThat(attempts).as("claimed by the first worker, then again after its lease ran out").isEqualTo(2);
            assertThat(packages).isGreaterThan(50);
        }
    }

    private static Optional<String> status(Path data, String digest) {
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            return db.withHandle(h -> h.createQuery("SELECT status FROM image_analyses WHERE manifest_digest = :d")
                    .bind("d", digest).mapTo(String.class).findOne());
        }
    }

    private static void awaitStatus(Path data, String digest, String wanted, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            while (System.currentTimeMillis() < deadline) {
                Optional<String> s = db.withHandle(h -> h.createQuery("SELECT status FROM image_analyses WHERE manifest_digest = :d")
                        .bind("d", digest).mapTo(String.class).findOne());
                if (s.isPresent() && s.get().equals(wanted)) return;
                Thread.sleep(10);
            }
        }
        throw new AssertionError(digest + " never reached " + wanted);
    }

    private static Process startChild(Path data) throws Exception {
        return ChildServer.start(data, data.getParent(), "-Xmx384m", "-Dspyglass.analysis.leaseMillis=1500", "-Dspyglass.analysis.workers=1");
    }
}
