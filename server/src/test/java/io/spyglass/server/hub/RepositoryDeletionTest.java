package io.spyglass.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.store.Database;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting an analysed repository removes the analysis, webhooks and jobs that were only its own,
 * keeps the analysis of an image another repository also holds, and a later push of the same
 * image is analysed again (no finished job of the old repository stands in the way).
 */
class RepositoryDeletionTest {
    @TempDir
    Path dir;

    @Test
    void analysisWebhooksAndJobsGoWithTheRepositoryButSharedImagesKeepTheirs() throws Exception {
        Skopeo.assumeInstalled();
        Path alpine = SharedData.requireCorpus("alpine/oci");
        // the hook points at a closed loopback port: allowed on-prem (--allow-private-webhooks), never answered
        try (ServerFixture fx = ServerFixture.start(new io.spyglass.server.ServerConfig(0, dir.resolve("data"))
                .withSecurity(io.spyglass.server.SecurityOptions.DEFAULT.withAllowPrivateWebhooks(true)))) {
            fx.server().analysis().advisoryStore().replaceSource("del-feed", List.of(Advisory.builder("DEL-1", "del-feed")
                    .alias("CVE-2099-0200").severity(Rating.of("del-feed", Severity.HIGH))
                    .affected(Affected.fixedIn("alpine:3.12", "zlib", "1.2.12-r9")).build()), "1");
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("del", owner);
            fx.analysedRepository(owner, org, "app", false, "advanced");
            fx.analysedRepository(owner, org, "copy", false, "basic");
            // nothing listens on port 9: deliveries fail and wait for their retry as queued jobs
            byte[] hook = "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"s3cret-for-hooks\"}".getBytes(StandardCharsets.UTF_8);
            assertThat(fx.send("POST", "/api/repositories/" + org + "/app/webhooks", owner.basic(), hook).statusCode()).isEqualTo(201);
            String own = fx.push(dir, owner, "oci:" + alpine + ":3.12.12", org + "/app:old");
            String shared = fx.push(dir, owner, "oci:" + alpine + ":3.20.3", org + "/app:new");
            fx.push(dir, owner, "oci:" + alpine + ":3.20.3", org + "/copy:new");
            fx.awaitStatus(owner, org + "/app", "old", "done");
            fx.awaitStatus(owner, org + "/app", "new", "done");
            fx.awaitStatus(owner, org + "/copy", "new", "done");
            Database db = fx.server().database();
            long sharedPackages = rows(db, "image_packages", shared);
            assertThat(sharedPackages).isPositive();
            assertThat(rows(db, "findings", own)).as("the advisory matches zlib of alpine 3.12").isPositive();
            assertThat(rows(db, "image_packages", own)).isPositive();
            assertThat(count(db, "SELECT COUNT(*) FROM webhook_deliveries")).isPositive();

            HttpResponse<byte[]> r = fx.send("DELETE", "/api/repositories/" + org + "/app", owner.basic(), null);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode gone = ServerFixture.json(r);
            assertThat(gone.path("imagesForgotten").asInt()).isEqualTo(1);
            assertThat(gone.path("imagesShared").asInt()).isEqualTo(1);
            assertThat(gone.path("webhooks").asInt()).isEqualTo(1);

            for (String table : List.of("image_analyses", "image_packages", "package_keys", "findings", "finding_history")) {
                assertThat(rows(db, table, own)).as(table + " of the image only the deleted repository held").isZero();
            }
            assertThat(count(db, "SELECT COUNT(*) FROM analysis_jobs WHERE job_key = 'analyse:" + own + "'")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM analysis_jobs WHERE kind = 'webhook'")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM webhook_deliveries")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM webhooks")).isZero();
            long copyId = fx.hub().repositories().find(org, "copy").orElseThrow().id();
            assertThat(count(db, "SELECT repository_id FROM image_analyses WHERE manifest_digest = '" + shared + "'")).isEqualTo(copyId);
            JsonNode copy = fx.report(owner, org + "/copy", "new");
            assertThat(ServerFixture.status(copy)).isEqualTo("done");
            assertThat(rows(db, "image_packages", shared)).isEqualTo(sharedPackages);

            // the same image pushed to the name again: a new repository, analysed afresh once insight is on
            fx.push(dir, owner, "oci:" + alpine + ":3.12.12", org + "/app:old");
            assertThat(fx.hub().repositories().find(org, "app").orElseThrow().imageInsight()).isEqualTo("none");
            assertThat(fx.setInsight(owner, org + "/app", "basic").statusCode()).isEqualTo(200);
            JsonNode again = fx.awaitStatus(owner, org + "/app", "old", "done");
            assertThat(ServerFixture.findings(again)).anyMatch(f -> f.contains("CVE-2099-0200"));
        }
    }

    private static long rows(Database db, String table, String digest) {
        return count(db, "SELECT COUNT(*) FROM " + table + " WHERE manifest_digest = '" + digest + "'");
    }

    private static long count(Database db, String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
