package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.server.hub.Role;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Push with skopeo into a repository with analysis on; the report appears over the JSON API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisFlowTest {
    @TempDir
    static Path dir;

    ServerFixture fx;
    Account owner;
    String org;

    @BeforeAll
    void start() throws Exception {
        fx = ServerFixture.sqliteAndFolder(dir.resolve("data"));
        owner = fx.newUser("owner");
        org = fx.newOrg("team", owner);
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void pushedTagGetsAReportFromItsLayers() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("debian/oci");
        assertThat(fx.setInsight(owner, org + "/app", "advanced").statusCode()).isEqualTo(404); // no repository yet
        String digest = fx.push(dir, owner, "oci:" + layout + ":bookworm", org + "/app:before");
        HttpResponse<byte[]> set = fx.setInsight(owner, org + "/app", "advanced");
        assertThat(set.statusCode()).as(body(set)).isEqualTo(200);
        // turning analysis on analysed the tag already there
        JsonNode before = fx.awaitStatus(owner, org + "/app", "before", "done");
        assertThat(before.path("summary").path("digest").asText()).isEqualTo(digest);

        long reads = fx.server().analysis().layerReads();
        fx.push(dir, owner, "oci:" + layout + ":bookworm", org + "/app:latest");
        JsonNode report = fx.awaitStatus(owner, org + "/app", "latest", "done");
        // the same image under a second tag: analysed once, no layer read again
        assertThat(fx.server().analysis().layerReads()).isEqualTo(reads);
        JsonNode image = report.path("images").get(0);
        assertThat(image.path("digest").asText()).isEqualTo(digest);
        assertThat(image.path("platform").asText()).isEqualTo("linux/amd64");
        List<String> names = new ArrayList<>();
        image.path("packages").forEach(p -> names.add(p.path("type").asText() + ":" + p.path("name").asText() + "@" + p.path("version").asText()));
        // versions are whatever the Debian mirror served the corpus build (base-files moves every point release)
        assertThat(names).contains("deb:base-files@" + CorpusBuild.debianVersion("base-files"), "deb:apt@" + CorpusBuild.debianVersion("apt"));
        assertThat(image.path("layers").size()).isGreaterThan(0);
        assertThat(report.path("summary").path("analysedAt").asLong()).isPositive();
        assertThat(analyses(digest)).isEqualTo(1);

        JsonNode tags = ServerFixture.json(fx.send("GET", "/api/repositories/" + org + "/app/tags", owner.basic(), null));
        assertThat(tags.path("tags").findValuesAsText("tag")).containsExactlyInAnyOrder("before", "latest");
        assertThat(tags.path("tags").findValuesAsText("status")).containsOnly("done");
    }

    @Test
    void anImageTheAnalyserCannotReadFailsWithAReasonAndThePushSucceeds() throws Exception {
        String repo = org + "/broken";
        fx.analysedRepository(owner, org, "broken", false, "basic");
        // the config lists no diff_ids for the manifest's one layer
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("not a tar " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String c = pushBlob(repo, config), l = pushBlob(repo, layer);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + l + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> pushed = fx.send("PUT", "/v2/" + repo + "/manifests/bad", owner.basic(), manifest,
                "Content-Type", "application/vnd.oci.image.manifest.v1+json");
        assertThat(pushed.statusCode()).isEqualTo(201);
        JsonNode report = fx.awaitStatus(owner, repo, "bad", "failed");
        assertThat(report.path("summary").path("reason").asText()).contains("1 layers", "0 diff_ids");
    }

    @Test
    void onlyOwnersAndAdminsChangeTheSettingAndAdvancedNeedsAPaidPlan() {
        Account member = fx.newUser("member");
        fx.addMember(org, member, Role.MEMBER);
        fx.hub().repositories().create(org, "rules", false);
        HttpResponse<byte[]> r = fx.setInsight(member, org + "/rules", "basic");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r)).contains("only owners and admins");

        Account solo = fx.newUser("solo");
        fx.hub().repositories().create(solo.name(), "mine", false);
        r = fx.setInsight(solo, solo.name() + "/mine", "advanced");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(body(r)).contains("free plan");
        r = fx.send("PATCH", "/api/repositories/" + solo.name() + "/mine", solo.basic(),
                "{\"imageInsight\":\"advanced\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(fx.setInsight(solo, solo.name() + "/mine", "basic").statusCode()).isEqualTo(200);
        assertThat(fx.setInsight(solo, solo.name() + "/mine", "sometimes").statusCode()).isEqualTo(400);
    }

    long analyses(String digest) {
        return fx.server().database().withHandle(h -> h.createQuery("SELECT analyses FROM image_analyses WHERE manifest_digest = :d")
                .bind("d", digest).mapTo(Long.class).one());
    }

    String pushBlob(String repo, byte[] content) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<byte[]> r = fx.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, owner.basic(), content);
        assertThat(r.statusCode()).isEqualTo(201);
        return digest;
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
