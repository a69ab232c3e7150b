package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.hub.Role;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Push with skopeo into a repository with analysis on; the report appears over the JSON API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();

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
        assertThat(put("/api/repositories/" + org + "/app/settings", owner, "{\"imageInsight\":\"advanced\"}").statusCode())
                .isEqualTo(404); // no repository yet
        Path auth = Skopeo.authFile(dir, fx.host(), owner.name(), owner.password());
        String digest = Skopeo.push(dir, "oci:" + layout + ":bookworm", fx.host() + "/" + org + "/app:before", auth);
        HttpResponse<byte[]> set = put("/api/repositories/" + org + "/app/settings", owner, "{\"imageInsight\":\"advanced\"}");
        assertThat(set.statusCode()).as(body(set)).isEqualTo(200);
        // turning analysis on analysed the tag already there
        JsonNode before = await(org + "/app", "before", s -> s.equals("done"));
        assertThat(before.path("summary").path("digest").asText()).isEqualTo(digest);

        long reads = fx.server().analysis().layerReads();
        Skopeo.push(dir, "oci:" + layout + ":bookworm", fx.host() + "/" + org + "/app:latest", auth);
        JsonNode report = await(org + "/app", "latest", s -> s.equals("done"));
        // the same image under a second tag: analysed once, no layer read again
        assertThat(fx.server().analysis().layerReads()).isEqualTo(reads);
        JsonNode image = report.path("images").get(0);
        assertThat(image.path("digest").asText()).isEqualTo(digest);
        assertThat(image.path("platform").asText()).isEqualTo("linux/amd64");
        List<String> names = new ArrayList<>();
        image.path("packages").forEach(p -> names.add(p.path("type").asText() + ":" + p.path("name").asText() + "@" + p.path("version").asText()));
        assertThat(names).contains("deb:base-files@12.4+deb12u15", "deb:apt@2.6.1");
        assertThat(image.path("layers").size()).isGreaterThan(0);
        assertThat(report.path("summary").path("analysedAt").asLong()).isPositive();
        assertThat(analyses(digest)).isEqualTo(1);

        JsonNode tags = json(get("/api/repositories/" + org + "/app/tags", owner));
        assertThat(tags.path("tags").findValuesAsText("tag")).containsExactlyInAnyOrder("before", "latest");
        assertThat(tags.path("tags").findValuesAsText("status")).containsOnly("done");
    }

    @Test
    void anImageTheAnalyserCannotReadFailsWithAReasonAndThePushSucceeds() throws Exception {
        String repo = org + "/broken";
        fx.hub().repositories().create(org, "broken", false);
        assertThat(put("/api/repositories/" + repo + "/settings", owner, "{\"imageInsight\":\"basic\"}").statusCode()).isEqualTo(200);
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
        JsonNode report = await(repo, "bad", s -> s.equals("failed"));
        assertThat(report.path("summary").path("reason").asText()).contains("1 layers", "0 diff_ids");
    }

    @Test
    void onlyOwnersAndAdminsChangeTheSettingAndAdvancedNeedsAPaidPlan() {
        Account member = fx.newUser("member");
        fx.addMember(org, member, Role.MEMBER);
        fx.hub().repositories().create(org, "rules", false);
        HttpResponse<byte[]> r = put("/api/repositories/" + org + "/rules/settings", member, "{\"imageInsight\":\"basic\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r)).contains("only owners and admins");

        Account solo = fx.newUser("solo");
        fx.hub().repositories().create(solo.name(), "mine", false);
        r = put("/api/repositories/" + solo.name() + "/mine/settings", solo, "{\"imageInsight\":\"advanced\"}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(body(r)).contains("free plan");
        r = fx.send("PATCH", "/api/repositories/" + solo.name() + "/mine", solo.basic(),
                "{\"imageInsight\":\"advanced\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(put("/api/repositories/" + solo.name() + "/mine/settings", solo, "{\"imageInsight\":\"basic\"}").statusCode()).isEqualTo(200);
        assertThat(put("/api/repositories/" + solo.name() + "/mine/settings", solo, "{\"imageInsight\":\"sometimes\"}").statusCode()).isEqualTo(400);
    }

    long analyses(String digest) {
        return fx.server().database().withHandle(h -> h.createQuery("SELECT analyses FROM image_analyses WHERE manifest_digest = :d")
                .bind("d", digest).mapTo(Long.class).one());
    }

    JsonNode await(String repo, String tag, Predicate<String> status) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<byte[]> r = get("/api/repositories/" + repo + "/tags/" + tag, owner);
            if (r.statusCode() == 200) {
                last = json(r);
                if (status.test(last.path("summary").path("status").asText())) return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("tag " + repo + ":" + tag + " did not reach the status; last: " + last);
    }

    String pushBlob(String repo, byte[] content) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<byte[]> r = fx.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, owner.basic(), content);
        assertThat(r.statusCode()).isEqualTo(201);
        return digest;
    }

    HttpResponse<byte[]> get(String path, Account who) {
        return fx.send("GET", path, who == null ? null : who.basic(), null);
    }

    HttpResponse<byte[]> put(String path, Account who, String body) {
        return fx.send("PUT", path, who.basic(), body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
