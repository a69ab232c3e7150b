package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advisory data arrives after the push: advanced reports change by re-matching the stored
 * packages (no layer read), withdrawn advisories disappear with the reason in the history, and
 * basic reports stay as scanned.
 */
class ReevaluationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void importedAdvisoryChangesAdvancedReportsWithoutReadingLayersAndWithdrawalIsRecorded() throws Exception {
        Skopeo.assumeInstalled();
        Path debian = SharedData.requireCorpus("debian/oci");
        Path alpine = SharedData.requireCorpus("alpine/oci");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("acme", owner);
            fx.hub().repositories().create(org, "app", false);
            fx.hub().repositories().create(org, "edge", false);
            Analysis analysis = fx.server().analysis();
            assertThat(put(fx, owner, org + "/app", "advanced").statusCode()).isEqualTo(200);
            assertThat(put(fx, owner, org + "/edge", "basic").statusCode()).isEqualTo(200);
            Path auth = Skopeo.authFile(dir, fx.host(), owner.name(), owner.password());
            Skopeo.push(dir, "oci:" + debian + ":bookworm", fx.host() + "/" + org + "/app:1", auth);
            Skopeo.push(dir, "oci:" + alpine + ":3.12.12", fx.host() + "/" + org + "/edge:3.12", auth);
            JsonNode app = await(fx, owner, org + "/app", "1", r -> r.path("summary").path("status").asText().equals("done"));
            JsonNode edge = await(fx, owner, org + "/edge", "3.12", r -> r.path("summary").path("status").asText().equals("done"));
            assertThat(findings(app)).isEmpty();
            assertThat(findings(edge)).isEmpty();
            long reads = analysis.layerReads();

            analysis.advisoryStore().replaceSource("test-feed", List.of(
                    advisory("TEST-APT-1", "CVE-2099-0001", "debian:12", "apt", "2.6.2", null),
                    advisory("TEST-ZLIB-1", "CVE-2099-0002", "alpine:3.12", "zlib", "1.2.12-r9", null)), "1");
            app = await(fx, owner, org + "/app", "1", r -> !findings(r).isEmpty());
            // apt itself, and libapt-pkg6.0 whose source package is apt
            assertThat(findings(app)).containsExactlyInAnyOrder("apt 2.6.1 CVE-2099-0001 high fixed:2.6.2",
                    "libapt-pkg6.0 2.6.1 CVE-2099-0001 high fixed:2.6.2");
            assertThat(app.path("summary").path("counts").path("high").asLong()).isEqualTo(2);
            assertThat(app.path("summary").path("counts").path("fixable").asLong()).isEqualTo(2);
            assertThat(app.path("summary").path("dataVersion").asText()).startsWith("changeset-");
            assertThat(analysis.layerReads()).as("re-evaluation reads no layer").isEqualTo(reads);

            analysis.advisoryStore().replaceSource("test-feed", List.of(
                    advisory("TEST-APT-1", "CVE-2099-0001", "debian:12", "apt", "2.6.2", Instant.now()),
                    advisory("TEST-ZLIB-1", "CVE-2099-0002", "alpine:3.12", "zlib", "1.2.12-r9", null)), "2");
            app = await(fx, owner, org + "/app", "1", r -> findings(r).isEmpty());
            JsonNode history = json(fx.send("GET", "/api/repositories/" + org + "/app/tags/1/history", owner.basic(), null));
            List<String> lines = new ArrayList<>();
            history.forEach(h -> lines.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText() + " "
                    + h.path("packageName").asText() + ": " + h.path("reason").asText()));
            assertThat(lines).containsExactlyInAnyOrder("removed CVE-2099-0001 apt: withdrawn", "added CVE-2099-0001 apt: new advisory",
                    "removed CVE-2099-0001 libapt-pkg6.0: withdrawn", "added CVE-2099-0001 libapt-pkg6.0: new advisory");
            assertThat(lines.subList(0, 2)).allMatch(l -> l.startsWith("removed"));

            // basic: a point-in-time scan, never re-evaluated
            edge = json(fx.send("GET", "/api/repositories/" + org + "/edge/tags/3.12", owner.basic(), null));
            assertThat(findings(edge)).isEmpty();
            assertThat(analysis.layerReads()).isEqualTo(reads);
        }
    }

    static Advisory advisory(String id, String cve, String namespace, String name, String fixed, Instant withdrawn) {
        return Advisory.builder(id, "test-feed").alias(cve).summary(name + " is broken")
                .severity(Rating.of("test-feed", Severity.HIGH)).withdrawn(withdrawn)
                .affected(Affected.fixedIn(namespace, name, fixed)).build();
    }

    static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode image : report.path("images")) {
            for (JsonNode p : image.path("packages")) {
                for (JsonNode f : p.path("findings")) {
                    out.add(p.path("name").asText() + " " + p.path("version").asText() + " " + f.path("vulnerabilityId").asText()
                            + " " + f.path("severity").asText() + " fixed:" + f.path("fixedVersion").asText());
                }
            }
        }
        return out;
    }

    static HttpResponse<byte[]> put(ServerFixture fx, Account who, String repo, String insight) {
        return fx.send("PUT", "/api/repositories/" + repo + "/settings", who.basic(),
                ("{\"imageInsight\":\"" + insight + "\"}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    }

    static JsonNode await(ServerFixture fx, Account who, String repo, String tag, Predicate<JsonNode> done) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<byte[]> r = fx.send("GET", "/api/repositories/" + repo + "/tags/" + tag, who.basic(), null);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (done.test(last)) return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(repo + ":" + tag + " never got there; last summary: " + (last == null ? null : last.path("summary")) + " findings: " + (last == null ? null : findings(last)));
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
