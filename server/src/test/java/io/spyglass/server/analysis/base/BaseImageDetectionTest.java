package io.spyglass.server.analysis.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.server.analysis.base.LayeredImages.Layer;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base images end to end, pushed with skopeo: an org kept as a base-image source holds "debian"
 * tags made of the corpus Debian image's first (debootstrap) layer plus a layer with a global
 * lodash (4.17.4, then 4.17.20, then 4.17.21: real GHSA advisories differ); an app image is that
 * base plus the corpus image's own app layers. Detection, the split, and the recommendations with
 * their deltas are read over the JSON API as a user would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaseImageDetectionTest {
    @TempDir
    static Path dir;

    ServerFixture fx;
    Account owner;
    String library, team;

    @BeforeAll
    void start() throws Exception {
        fx = startFixture(dir);
        owner = fx.newUser("owner");
        library = fx.newOrg("library", owner);
        team = fx.newOrg("team", owner);
        List<Path> files;
        try (var list = Files.list(SharedData.require("data/advisories/ghsa"))) {
            files = list.filter(f -> f.getFileName().toString().matches("GHSA-.*\\.json")).sorted().toList();
        }
        ImportResult ghsa = Importers.forSource("ghsa").orElseThrow().read(files);
        fx.server().analysis().advisoryStore().replaceSource("ghsa", ghsa.records(), "shared");
    }

    /** SQLite and a folder here; {@link BaseImageDetectionPostgresTest} runs the same on PostgreSQL and S3. */
    protected ServerFixture startFixture(Path dir) throws Exception {
        return ServerFixture.sqliteAndFolder(dir.resolve("data"));
    }

    @AfterAll
    void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Test
    void aBasePushedAfterItsAppIsDetectedSplitsTheReportAndNewerTagsAreRecommendedWithTheirDelta() throws Exception {
        Skopeo.assumeInstalled();
        List<Layer> corpus = LayeredImages.corpusLayers(SharedData.requireCorpus("debian/oci"));
        Layer debootstrap = corpus.get(0);
        Layer old = LayeredImages.npmModule(dir.resolve("layers"), "lodash", "4.17.4");
        Layer mid = LayeredImages.npmModule(dir.resolve("layers"), "lodash", "4.17.20");
        Layer fixed = LayeredImages.npmModule(dir.resolve("layers"), "lodash", "4.17.21");
        String debian = fx.analysedRepository(owner, library, "debian", false, "basic");
        String app = fx.analysedRepository(owner, team, "app", false, "basic");
        HttpResponse<byte[]> marked = fx.send("PUT", "/api/repositories/" + debian + "/settings", owner.basic(),
                "{\"baseImageSource\": true}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(ServerFixture.json(marked).path("baseImageSource").asBoolean()).isTrue();

        // the app first: FROM debian:bookworm-20240701 + the corpus image's own layers
        List<Layer> appLayers = new ArrayList<>(List.of(debootstrap, old));
        appLayers.addAll(corpus.subList(1, corpus.size()));
        String appDigest = push(appLayers, app, "1.0");
        JsonNode report = fx.awaitStatus(owner, app, "1.0", "done");
        assertThat(report.path("baseImage").isNull()).as("no base known yet").isTrue();

        // a one-layer debian too: a base, but not the nearest one
        push(List.of(debootstrap), debian, "bookworm-slim");
        String a = push(List.of(debootstrap, old), debian, "bookworm-20240701");
        report = fx.awaitReport(owner, app, "1.0", r -> r.path("baseImage").path("tag").asText().equals("bookworm-20240701"));
        JsonNode base = report.path("baseImage");
        assertThat(base.path("repository").asText()).isEqualTo(debian);
        assertThat(base.path("digest").asText()).isEqualTo(a);
        assertThat(base.path("detectedBy").asText()).isEqualTo("layers");
        assertThat(base.path("layers").asInt()).isEqualTo(2);
        assertThat(report.path("images").get(0).path("digest").asText()).isEqualTo(appDigest);
        assertThat(report.path("recommendations")).isEmpty();
        // the newest of its flavour: the policy passes (evaluated again once the base was detected)
        report = fx.awaitReport(owner, app, "1.0", r -> "pass".equals(policy(r, "base-image-current"))
                && details(r, "base-image-current").contains(debian + ":bookworm-20240701"));
        assertThat(policy(report, "base-image-approved")).as("nothing approved yet").isEqualTo("skipped");

        // the split: the base's lodash and Debian's packages come from it, the app's npm packages not
        JsonNode packages = report.path("images").get(0).path("packages");
        Map<String, Boolean> origin = new HashMap<>();
        for (JsonNode p : packages) origin.put(p.path("type").asText() + ":" + p.path("name").asText() + "@" + p.path("version").asText()
                + " " + p.path("paths").get(0).asText(), p.path("fromBase").asBoolean());
        assertThat(origin).containsEntry("npm:lodash@4.17.4 usr/local/lib/node_modules/lodash/package.json", true);
        assertThat(origin.entrySet()).anyMatch(e -> e.getKey().startsWith("deb:base-files@") && e.getValue());
        assertThat(origin.entrySet()).anyMatch(e -> e.getKey().startsWith("npm:") && e.getKey().contains(" app/node_modules/") && !e.getValue());
        for (JsonNode p : packages) {
            boolean inBaseLayer = p.path("layers").get(0).asText().equals(debootstrap.digest())
                    || p.path("layers").get(0).asText().equals(old.digest());
            assertThat(p.path("fromBase").asBoolean()).as(p.path("name").asText()).isEqualTo(inBaseLayer);
        }

        // a newer tag of the flavour: recommended, with what it fixes (read from both stored reports)
        String b = push(List.of(debootstrap, mid), debian, "bookworm-20241016");
        JsonNode rec = awaitRecommendation(app, "bookworm-20241016");
        assertThat(rec.path("kind").asText()).isEqualTo("newer-tag");
        assertThat(rec.path("digest").asText()).isEqualTo(b);
        assertDelta(rec, debian, "bookworm-20240701", "bookworm-20241016");
        assertThat(rec.path("fixed").path("critical").asLong()).isPositive(); // CVE-2019-10744, fixed in 4.17.12
        assertThat(rec.path("added").path("total").asLong()).isZero();
        // ...so the base is outdated: the push of a base tag re-evaluates the images built on that repository
        report = fx.awaitReport(owner, app, "1.0", r -> "fail".equals(policy(r, "base-image-current")));
        assertThat(details(report, "base-image-current")).contains(debian + ":bookworm-20240701", "outdated");
        String grade = report.path("healthScore").asText();

        // the organisation approves base images: another namespace's fails, the base's own passes
        assertThat(approve("other/*").statusCode()).isEqualTo(200);
        report = fx.report(owner, app, "1.0");
        assertThat(policy(report, "base-image-approved")).isEqualTo("fail");
        assertThat(details(report, "base-image-approved")).contains(debian + ":bookworm-20240701", "not on the approved list");
        assertThat(approve(debian).statusCode()).isEqualTo(200);
        report = fx.report(owner, app, "1.0");
        assertThat(policy(report, "base-image-approved")).isEqualTo("pass");
        assertThat(report.path("healthScore").asText()).isEqualTo(grade);

        // a newer one still moves the recommendation; the one-layer bookworm-slim is never offered
        String c = push(List.of(debootstrap, fixed), debian, "bookworm-20241111");
        JsonNode recs = fx.awaitReport(owner, app, "1.0", r -> r.path("recommendations").size() == 2).path("recommendations");
        assertThat(recs.findValuesAsText("tag")).containsExactly("bookworm-20241111", "bookworm-20241016");
        assertDelta(recs.get(0), debian, "bookworm-20240701", "bookworm-20241111");

        // the detected tag pushed again with another image: a refresh, listed first
        push(List.of(debootstrap, mid), debian, "bookworm-20240701");
        recs = fx.awaitReport(owner, app, "1.0", r -> r.path("recommendations").path(0).path("kind").asText().equals("refresh"))
                .path("recommendations");
        assertThat(recs.get(0).path("tag").asText()).isEqualTo("bookworm-20240701");
        assertThat(recs.get(0).path("digest").asText()).isEqualTo(b);
        assertThat(recs.findValuesAsText("tag")).containsExactly("bookworm-20240701", "bookworm-20241111");

        // the tag page, as an anonymous visitor of these public repositories sees it
        HttpResponse<byte[]> page = fx.send("GET", "/r/" + app + "/-/tags/1.0/vulnerabilities?origin=top", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("Base image", debian + ":bookworm-20240701", "Recommended fixes", debian + ":bookworm-20241111",
                "Added on top", "data-package=\"lodash\"");
        assertThat(html).doesNotContain("usr/local/lib/node_modules/lodash"); // the base's lodash is filtered out

        // a base named by a provenance attestation replaces the one from layers, and layers never replace it back
        // as BuildKit's provenance names it: registry host, repository and tag, no digest
        assertThat((boolean) fx.server().database().inTransaction(h -> ProvenanceBases.record(h, appDigest, "localhost:5000/" + debian + ":bookworm-20241111")))
                .isTrue();
        fx.server().database().inTransaction(h -> {
            BaseImages.detect(h, appDigest);
            return null;
        });
        report = fx.report(owner, app, "1.0");
        assertThat(report.path("baseImage").path("detectedBy").asText()).isEqualTo("provenance");
        assertThat(report.path("baseImage").path("digest").asText()).isEqualTo(c);
        // its layers are not the app's first layers: no package is said to come from it
        assertThat(report.path("baseImage").path("layers").asInt()).isZero();
        assertThat(report.path("images").get(0).path("packages").findValuesAsText("fromBase")).containsOnly("false");
        assertThat(report.path("baseImage").path("tag").asText()).isEqualTo("bookworm-20241111");
        // an image not known here is not recorded
        assertThat((boolean) fx.server().database().inTransaction(h -> ProvenanceBases.record(h, appDigest, debian + ":bookworm-29990101")))
                .isFalse();
        assertThat((boolean) fx.server().database().inTransaction(h -> BaseImages.fromProvenance(h, appDigest, "nobody/here", "x", c)))
                .isFalse();
    }

    @Test
    void aPrivateBaseIsNeverTheBaseOfAnotherNamespacesImageNorShownToWhoCannotPullIt() throws Exception {
        Skopeo.assumeInstalled();
        List<Layer> corpus = LayeredImages.corpusLayers(SharedData.requireCorpus("debian/oci"));
        Layer minimist = LayeredImages.npmModule(dir.resolve("layers"), "minimist", "1.2.5");
        String privateBase = fx.analysedRepository(owner, team, "private-base", true, "basic");
        String outsider = fx.analysedRepository(owner, fx.newOrg("other", owner), "app", false, "basic");
        String sameNamespace = fx.analysedRepository(owner, team, "app2", false, "basic");
        String base = push(List.of(corpus.get(0), minimist), privateBase, "1");
        push(List.of(corpus.get(0), minimist, corpus.get(1)), outsider, "1");
        push(List.of(corpus.get(0), minimist, corpus.get(2)), sameNamespace, "1");

        JsonNode mine = fx.awaitReport(owner, sameNamespace, "1", r -> r.path("baseImage").path("digest").asText().equals(base));
        assertThat(mine.path("baseImage").path("repository").asText()).isEqualTo(privateBase);
        // its policies count the private base (kept per namespace), but their details do not name it
        fx.awaitReport(owner, sameNamespace, "1", r -> "pass".equals(policy(r, "base-image-current")));
        assertThat(details(fx.report(owner, sameNamespace, "1"), "base-image-current")).isEqualTo("a private base image is the newest known");
        // anyone may read the public app2, but not the private base it was built on
        HttpResponse<byte[]> anonymous = fx.send("GET", "/api/repositories/" + sameNamespace + "/tags/1", null, null);
        assertThat(ServerFixture.json(anonymous).path("baseImage").isNull()).isTrue();
        assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).doesNotContain(privateBase);
        // another namespace's image never gets it, even for a reader who could pull both
        JsonNode other = fx.report(owner, outsider, "1");
        assertThat(other.path("baseImage").path("repository").asText("")).isNotEqualTo(privateBase);
    }

    @Test
    void onlyOwnersAndAdminsMarkABaseImageSource() throws Exception {
        Account stranger = fx.newUser("stranger");
        fx.hub().repositories().create(owner.name(), "mine", false);
        HttpResponse<byte[]> r = fx.send("PUT", "/api/repositories/" + owner.name() + "/mine/settings", stranger.basic(),
                "{\"baseImageSource\": true}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(403);
        r = fx.send("PUT", "/api/repositories/" + owner.name() + "/mine/settings", owner.basic(),
                "{\"baseImageSource\": \"yes\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("baseImageSource must be true or false");
        JsonNode settings = ServerFixture.json(fx.send("GET", "/api/repositories/" + owner.name() + "/mine", owner.basic(), null));
        assertThat(settings.path("baseImageSource").asBoolean()).isFalse();
    }

    private HttpResponse<byte[]> approve(String repository) {
        return fx.send("PUT", "/api/orgs/" + team + "/policies/base-image-approved", owner.basic(),
                ("{\"parameters\": {\"approved\": [\"" + repository + "\"]}}").getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
    }

    private static String policy(JsonNode report, String name) {
        for (JsonNode p : report.path("policies")) if (p.path("name").asText().equals(name)) return p.path("status").asText();
        return null;
    }

    private static String details(JsonNode report, String name) {
        for (JsonNode p : report.path("policies")) if (p.path("name").asText().equals(name)) return p.path("details").asText();
        throw new AssertionError("no policy " + name + " in " + report.path("policies"));
    }

    private String push(List<Layer> layers, String repo, String tag) throws Exception {
        Path layout = LayeredImages.layout(dir.resolve("layouts/" + repo.replace('/', '_') + "-" + tag + "-" + System.nanoTime()), tag, layers);
        String digest = fx.push(dir, owner, "oci:" + layout + ":" + tag, repo + ":" + tag);
        fx.awaitReport(owner, repo, tag, r -> ServerFixture.status(r).equals("done") && r.path("summary").path("digest").asText().equals(digest));
        return digest;
    }

    private JsonNode awaitRecommendation(String app, String tag) throws Exception {
        JsonNode report = fx.awaitReport(owner, app, "1.0", r -> r.path("recommendations").findValuesAsText("tag").contains(tag));
        for (JsonNode rec : report.path("recommendations")) if (rec.path("tag").asText().equals(tag)) return rec;
        throw new AssertionError("no recommendation " + tag);
    }

    /** The recommendation's fixed/added counts equal the difference of the two tags' stored findings, by severity. */
    private void assertDelta(JsonNode rec, String repo, String fromTag, String toTag) throws Exception {
        Map<String, String> from = vulnerabilities(fx.report(owner, repo, fromTag)), to = vulnerabilities(fx.report(owner, repo, toTag));
        Map<String, Long> fixed = new HashMap<>(), added = new HashMap<>();
        from.forEach((id, sev) -> { if (!to.containsKey(id)) fixed.merge(sev, 1L, Long::sum); });
        to.forEach((id, sev) -> { if (!from.containsKey(id)) added.merge(sev, 1L, Long::sum); });
        assertThat(fixed).isNotEmpty();
        for (String sev : List.of("critical", "high", "medium", "low")) {
            assertThat(rec.path("fixed").path(sev).asLong()).as("fixed " + sev).isEqualTo(fixed.getOrDefault(sev, 0L));
            assertThat(rec.path("added").path(sev).asLong()).as("added " + sev).isEqualTo(added.getOrDefault(sev, 0L));
        }
        assertThat(rec.path("size").asLong()).isPositive();
        assertThat(rec.path("pushedAt").asLong()).isPositive();
    }

    /** A tag report's vulnerability ids with their severity. */
    private static Map<String, String> vulnerabilities(JsonNode report) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode p : report.path("images").get(0).path("packages")) {
            for (JsonNode f : p.path("findings")) out.put(f.path("vulnerabilityId").asText(), f.path("severity").asText());
        }
        return out;
    }
}
