package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.server.analysis.base.LayeredImages;
import io.spyglass.server.analysis.base.LayeredImages.Layer;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recommendations}, {@code quickview} and {@code cves --only-base/--ignore-base} against a
 * server that detected an app image's base: a base-image source holds a "debian" made of the corpus
 * Debian image's first layer plus a global lodash 4.17.4 (and a newer tag with 4.17.21); the app is
 * that base plus the corpus image's own layers (whose lodash is the app's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaseImageCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    ServerFixture fx;
    Account owner;
    String debian, app;
    Path appLayout;

    @BeforeAll
    void pushAndAnalyse() throws Exception {
        Skopeo.assumeInstalled();
        List<Layer> corpus = LayeredImages.corpusLayers(SharedData.requireCorpus("debian/oci"));
        fx = ServerFixture.sqliteAndFolder(dir.resolve("data"));
        owner = fx.newUser("owner");
        List<Path> files;
        try (var list = Files.list(SharedData.require("data/advisories/ghsa"))) {
            files = list.filter(f -> f.getFileName().toString().matches("GHSA-.*\\.json")).sorted().toList();
        }
        ImportResult ghsa = Importers.forSource("ghsa").orElseThrow().read(files);
        fx.server().analysis().advisoryStore().replaceSource("ghsa", ghsa.records(), "shared");
        debian = fx.analysedRepository(owner, fx.newOrg("library", owner), "debian", false, "basic");
        app = fx.analysedRepository(owner, fx.newOrg("team", owner), "app", false, "basic");
        assertThat(fx.send("PUT", "/api/repositories/" + debian + "/settings", owner.basic(),
                "{\"baseImageSource\": true}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json").statusCode()).isEqualTo(200);
        Layer old = LayeredImages.npmModule(dir.resolve("layers"), "lodash", "4.17.4");
        Layer fixed = LayeredImages.npmModule(dir.resolve("layers"), "lodash", "4.17.21");
        push(List.of(corpus.get(0), old), debian, "bookworm-20240701");
        push(List.of(corpus.get(0), fixed), debian, "bookworm-20241111");
        List<Layer> appLayers = new ArrayList<>(List.of(corpus.get(0), old));
        appLayers.addAll(corpus.subList(1, corpus.size()));
        appLayout = push(appLayers, app, "1.0");
        fx.awaitReport(owner, app, "1.0", r -> r.path("recommendations").size() == 1);
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void recommendationsNameTheBaseAndTheNewerTagWithWhatItFixes() throws Exception {
        CliRun run = CliRun.of("recommendations", app + ":1.0", "--server", fx.baseUrl());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rec = fx.report(owner, app, "1.0").path("recommendations").get(0);
        assertThat(run.out()).contains("Base image: " + debian + ":bookworm-20240701", debian + ":bookworm-20241111", "newer-tag",
                rec.path("fixed").path("total").asLong() + " (" + rec.path("fixed").path("critical").asLong() + "/");
        assertThat(rec.path("fixed").path("total").asLong()).isPositive();

        CliRun quick = CliRun.of("quickview", app + ":1.0", "--server", fx.baseUrl());
        assertThat(quick.exitCode()).as(quick.err()).isZero();
        assertThat(quick.out()).contains("base image       " + debian + ":bookworm-20240701", "recommended      " + debian + ":bookworm-20241111");

        CliRun local = CliRun.of("recommendations", "oci-dir://" + appLayout + ":1.0", "--server", fx.baseUrl());
        assertThat(local.exitCode()).isEqualTo(1);
        assertThat(local.err()).contains("recommendations reads a server's stored report");
    }

    @Test
    void cvesSplitsTheFindingsIntoTheBasesAndTheAppsOwn() throws Exception {
        List<String> all = lodash(CliRun.of("cves", app + ":1.0", "--server", fx.baseUrl(), "--format", "json"));
        List<String> base = lodash(CliRun.of("cves", app + ":1.0", "--server", fx.baseUrl(), "--format", "json", "--only-base"));
        List<String> top = lodash(CliRun.of("cves", app + ":1.0", "--server", fx.baseUrl(), "--format", "json", "--ignore-base"));
        // the base's global lodash 4.17.4 against the app's own 4.17.15 in /app/node_modules
        assertThat(base).isNotEmpty().allMatch(v -> v.startsWith("4.17.4 "));
        assertThat(top).isNotEmpty().allMatch(v -> v.startsWith("4.17.15 "));
        assertThat(all).containsExactlyInAnyOrderElementsOf(concat(base, top));

        CliRun both = CliRun.of("cves", app + ":1.0", "--server", fx.baseUrl(), "--only-base", "--ignore-base");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("--only-base and --ignore-base exclude each other");
        CliRun local = CliRun.of("cves", "oci-dir://" + appLayout + ":1.0", "--only-base", "--db", dir.resolve("none").toString());
        assertThat(local.exitCode()).isEqualTo(1);
        assertThat(local.err()).contains("need the base a Spyglass server detected");
    }

    /** The lodash findings of the json output, as "VERSION ID". */
    private static List<String> lodash(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode v : JSON.readTree(run.out()).path("vulnerabilities")) {
            if (v.path("package").path("name").asText().equals("lodash")) out.add(v.path("package").path("version").asText() + " " + v.path("id").asText());
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private Path push(List<Layer> layers, String repo, String tag) throws Exception {
        Path layout = LayeredImages.layout(dir.resolve("layouts/" + repo.replace('/', '_') + "-" + tag), tag, layers);
        String digest = fx.push(dir, owner, "oci:" + layout + ":" + tag, repo + ":" + tag);
        fx.awaitReport(owner, repo, tag, r -> ServerFixture.status(r).equals("done") && r.path("summary").path("digest").asText().equals(digest));
        return layout;
    }
}
