package io.spyglass.server.analysis;

import io.spyglass.server.analysis.result.PackageVersions;
import io.spyglass.server.analysis.result.ResultStore;
import io.spyglass.server.analysis.result.StoredPackages;
import static io.spyglass.server.registry.ServerFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.match.MatchKeys;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advisory data arrives after the push: advanced reports change by re-matching the stored
 * packages (no layer read), withdrawn advisories disappear with the reason in the history, and
 * basic reports stay as scanned.
 */
class ReevaluationTest {
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
            String appRepo = fx.analysedRepository(owner, org, "app", false, "advanced");
            String edgeRepo = fx.analysedRepository(owner, org, "edge", false, "basic");
            Analysis analysis = fx.server().analysis();
            fx.push(dir, owner, "oci:" + debian + ":bookworm", appRepo + ":1");
            fx.push(dir, owner, "oci:" + alpine + ":3.12.12", edgeRepo + ":3.12");
            JsonNode app = fx.awaitStatus(owner, appRepo, "1", "done");
            JsonNode edge = fx.awaitStatus(owner, edgeRepo, "3.12", "done");
            assertThat(findings(app)).isEmpty();
            assertThat(findings(edge)).isEmpty();
            long reads = analysis.layerReads();

            // installed versions are the mirror's on the day of the corpus build: read them, fix just above
            String apt = CorpusBuild.debianVersion("apt");
            String libapt = CorpusBuild.debianVersion("libapt-pkg6.0");
            String fixed = CorpusBuild.debianAbove(apt, libapt);
            analysis.advisoryStore().replaceSource("test-feed", List.of(
                    advisory("TEST-APT-1", "CVE-2099-0001", "debian:12", "apt", fixed, null),
                    advisory("TEST-ZLIB-1", "CVE-2099-0002", "alpine:3.12", "zlib", "1.2.12-r9", null)), "1");
            app = fx.awaitReport(owner, appRepo, "1", r -> !findings(r).isEmpty());
            // apt itself, and libapt-pkg6.0 whose source package is apt
            assertThat(findings(app)).containsExactlyInAnyOrder("apt " + apt + " CVE-2099-0001 high fixed:" + fixed,
                    "libapt-pkg6.0 " + libapt + " CVE-2099-0001 high fixed:" + fixed);
            assertThat(app.path("summary").path("counts").path("high").asLong()).isEqualTo(2);
            assertThat(app.path("summary").path("counts").path("fixable").asLong()).isEqualTo(2);
            assertThat(app.path("summary").path("dataVersion").asText()).startsWith("changeset-");
            assertThat(analysis.layerReads()).as("re-evaluation reads no layer").isEqualTo(reads);

            analysis.advisoryStore().replaceSource("test-feed", List.of(
                    advisory("TEST-APT-1", "CVE-2099-0001", "debian:12", "apt", fixed, Instant.now()),
                    advisory("TEST-ZLIB-1", "CVE-2099-0002", "alpine:3.12", "zlib", "1.2.12-r9", null)), "2");
            app = fx.awaitReport(owner, appRepo, "1", r -> findings(r).isEmpty());
            JsonNode history = ServerFixture.json(fx.send("GET", "/api/repositories/" + org + "/app/tags/1/history", owner.basic(), null));
            List<String> lines = new ArrayList<>();
            List<String> policies = new ArrayList<>();
            history.forEach(h -> {
                // the policy verdicts that changed with the findings are in the same history
                if (h.path("vulnerabilityId").asText().startsWith("policy:")) {
                    policies.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText());
                    return;
                }
                lines.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText() + " "
                        + h.path("packageName").asText() + ": " + h.path("reason").asText());
            });
            assertThat(policies).containsExactly("policy pass policy:no-fixable-critical-high", "policy fail policy:no-fixable-critical-high");
            assertThat(lines).containsExactlyInAnyOrder("removed CVE-2099-0001 apt: withdrawn", "added CVE-2099-0001 apt: new advisory",
                    "removed CVE-2099-0001 libapt-pkg6.0: withdrawn", "added CVE-2099-0001 libapt-pkg6.0: new advisory");
            assertThat(lines.subList(0, 2)).allMatch(l -> l.startsWith("removed"));

            // basic: a point-in-time scan, never re-evaluated
            edge = fx.report(owner, edgeRepo, "3.12");
            assertThat(findings(edge)).isEmpty();
            assertThat(analysis.layerReads()).isEqualTo(reads);
        }
    }

    /**
     * Two sources' records of one CVE on different packages: the one that rates it is removed, and
     * the finding the other matched under its own key loses that rating (without a repair run).
     */
    @Test
    void removedRecordNoLongerRatesFindingsAnotherRecordMatchedUnderAnotherKey() throws Exception {
        Skopeo.assumeInstalled();
        Path debian = SharedData.requireCorpus("debian/oci");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("acme", owner);
            String appRepo = fx.analysedRepository(owner, org, "app", false, "advanced");
            Analysis analysis = fx.server().analysis();
            fx.push(dir, owner, "oci:" + debian + ":bookworm", appRepo + ":1");
            fx.awaitStatus(owner, appRepo, "1", "done");

            Advisory unrated = Advisory.builder("OTHER-BASH-1", "other-feed").alias("CVE-2099-0003").summary("bash is broken")
                    .affected(Affected.fixedIn("debian:12", "bash", "99.0-1")).build();
            analysis.advisoryStore().replaceSource("other-feed", List.of(unrated), "1");
            String apt = CorpusBuild.debianVersion("apt");
            String libapt = CorpusBuild.debianVersion("libapt-pkg6.0");
            String bash = CorpusBuild.debianVersion("bash");
            String fixed = CorpusBuild.debianAbove(apt, libapt);
            analysis.advisoryStore().replaceSource("test-feed",
                    List.of(advisory("TEST-APT-3", "CVE-2099-0003", "debian:12", "apt", fixed, null)), "1");
            JsonNode app = fx.awaitReport(owner, appRepo, "1", r -> findings(r).size() == 3);
            // one vulnerability: the test feed's rating is the only one, so bash has it too
            assertThat(findings(app)).containsExactlyInAnyOrder("apt " + apt + " CVE-2099-0003 high fixed:" + fixed,
                    "libapt-pkg6.0 " + libapt + " CVE-2099-0003 high fixed:" + fixed, "bash " + bash + " CVE-2099-0003 high fixed:99.0-1");

            analysis.advisoryStore().replaceSource("test-feed", List.of(), "2");
            app = fx.awaitReport(owner, appRepo, "1", r -> findings(r).size() == 1);
            assertThat(findings(app)).containsExactly("bash " + bash + " CVE-2099-0003 unspecified fixed:99.0-1");
            assertThat(app.path("summary").path("counts").path("high").asLong()).isZero();
        }
    }

    /**
     * A jar of unknown Maven group is stored under its artifactId alone: an advisory for the one
     * group that has that artifactId reaches it (an uncertain finding), and a second group's
     * advisory for the same artifactId takes the finding away again, as the engine matcher would.
     */
    @Test
    void groupAndArtifactAdvisoryReachesAJarOfUnknownGroupUntilASecondGroupSharesTheArtifact() throws Exception {
        Skopeo.assumeInstalled();
        Path debian = SharedData.requireCorpus("debian/oci");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("acme", owner);
            String appRepo = fx.analysedRepository(owner, org, "app", false, "advanced");
            Analysis analysis = fx.server().analysis();
            String tagDigest = fx.push(dir, owner, "oci:" + debian + ":bookworm", appRepo + ":1");
            fx.awaitStatus(owner, appRepo, "1", "done");
            // the corpus jars all carry pom.properties (log4j-core 2.14.1 among them): add another version
            // as the cataloger makes a jar without it
            Package jar = new Package(PackageType.MAVEN, "log4j-core", "2.13.0", null, null, null, List.of(),
                    List.of(Location.of("opt/app/lib/log4j-core-2.13.0.jar")), "groupId unknown: no Maven metadata");
            storeExtraPackage(analysis, tagDigest, jar);

            analysis.advisoryStore().replaceSource("test-feed", List.of(
                    advisory("TEST-LOG4J-1", "CVE-2099-0004", "Maven", "org.apache.logging.log4j:log4j-core", "2.15.0", null)), "1");
            JsonNode app = fx.awaitReport(owner, appRepo, "1", r -> !findings(r).isEmpty());
            // the image's own log4j-core 2.14.1 jars (group known) and the jar of unknown group
            assertThat(findings(app)).containsExactlyInAnyOrder("log4j-core 2.14.1 CVE-2099-0004 high fixed:2.15.0",
                    "log4j-core 2.14.1 CVE-2099-0004 high fixed:2.15.0", "log4j-core 2.13.0 CVE-2099-0004 high fixed:2.15.0");
            assertThat(uncertain(app)).containsExactly("log4j-core 2.13.0 CVE-2099-0004");

            analysis.advisoryStore().replaceSource("test-feed", List.of(
                    advisory("TEST-LOG4J-1", "CVE-2099-0004", "Maven", "org.apache.logging.log4j:log4j-core", "2.15.0", null),
                    advisory("TEST-FORK-1", "CVE-2099-0005", "Maven", "org.example.fork:log4j-core", "3.0.0", null)), "2");
            app = fx.awaitReport(owner, appRepo, "1", r -> findings(r).size() == 2);
            assertThat(findings(app)).containsExactly("log4j-core 2.14.1 CVE-2099-0004 high fixed:2.15.0",
                    "log4j-core 2.14.1 CVE-2099-0004 high fixed:2.15.0");
        }
    }

    private static List<String> uncertain(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode image : report.path("images")) {
            for (JsonNode p : image.path("packages")) {
                for (JsonNode f : p.path("findings")) {
                    if (f.path("uncertain").asBoolean()) {
                        out.add(p.path("name").asText() + " " + p.path("version").asText() + " " + f.path("vulnerabilityId").asText());
                    }
                }
            }
        }
        return out;
    }

    // writes a package into the image's stored index as ResultStore does: row, match keys, key rows, package version
    private static void storeExtraPackage(Analysis analysis, String tagDigest, Package p) {
        analysis.database().inTransaction(h -> {
            String digest = h.createQuery("SELECT manifest_digest FROM tag_images WHERE tag_digest = :d")
                    .bind("d", tagDigest).mapTo(String.class).one();
            long pkg = h.createQuery("SELECT MAX(pkg) FROM image_packages WHERE manifest_digest = :d")
                    .bind("d", digest).mapTo(Long.class).one() + 1;
            List<MatchKeys.Key> keys = MatchKeys.of(p, null);
            h.createUpdate("INSERT INTO image_packages (manifest_digest, pkg, type, name, version, purl, locations, match_keys) "
                            + "VALUES (:d, :pkg, :type, :name, :version, NULL, :locations, :keys)")
                    .bind("d", digest).bind("pkg", pkg).bind("type", p.type().id()).bind("name", p.name())
                    .bind("version", p.version()).bind("locations", ResultStore.locations(p.locations()))
                    .bind("keys", StoredPackages.keysJson(keys)).execute();
            for (MatchKeys.Key k : keys) {
                h.createUpdate("INSERT INTO package_keys (namespace, name, manifest_digest, pkg, version) VALUES (:ns, :name, :d, :pkg, :v)")
                        .bind("ns", k.key().namespace()).bind("name", k.key().name()).bind("d", digest).bind("pkg", pkg)
                        .bind("v", p.version()).execute();
            }
            PackageVersions.assign(h, digest, null, Map.of());
            return null;
        });
    }

    @Test
    void aFixableFindingOfASeverityTheOrganisationChoseMovesItsVerdictOnReevaluation() throws Exception {
        Skopeo.assumeInstalled();
        Path debian = SharedData.requireCorpus("debian/oci");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("acme", owner);
            String repo = fx.analysedRepository(owner, org, "app", false, "advanced");
            byte[] medium = "{\"enabled\": true, \"parameters\": {\"severities\": [\"medium\"]}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(fx.send("PUT", "/api/orgs/" + org + "/policies/no-fixable-critical-high", owner.basic(), medium).statusCode()).isEqualTo(200);
            fx.push(dir, owner, "oci:" + debian + ":bookworm", repo + ":1");
            JsonNode app = fx.awaitStatus(owner, repo, "1", "done");
            assertThat(verdict(app, "no-fixable-critical-high")).isEqualTo("pass");

            // a fixable medium finding arrives: the organisation fails on those, not only on critical and high
            String apt = CorpusBuild.debianVersion("apt");
            String fixed = CorpusBuild.debianAbove(apt, CorpusBuild.debianVersion("libapt-pkg6.0"));
            analysis(fx).advisoryStore().replaceSource("test-feed", List.of(Advisory.builder("TEST-APT-M", "test-feed").alias("CVE-2099-0011")
                    .summary("apt is a little broken").severity(Rating.of("test-feed", Severity.MEDIUM))
                    .affected(Affected.fixedIn("debian:12", "apt", fixed)).build()), "1");
            // the summary moves with the findings, the verdict in a later transaction, and the tag's
            // JSON reads them one after the other: wait for both (awaitReport fails if they never get there)
            app = fx.awaitReport(owner, repo, "1", r -> "fail".equals(verdict(r, "no-fixable-critical-high"))
                    && r.path("summary").path("counts").path("medium").asLong() == 2);
            assertThat(findings(app)).filteredOn(f -> f.contains(" CVE-2099-0011 medium fixed:" + fixed)).hasSize(2);
        }
    }

    private static Analysis analysis(ServerFixture fx) {
        return fx.server().analysis();
    }

    private static String verdict(JsonNode report, String policy) {
        for (JsonNode p : report.path("policies")) if (p.path("name").asText().equals(policy)) return p.path("status").asText();
        return null;
    }

    static Advisory advisory(String id, String cve, String namespace, String name, String fixed, Instant withdrawn) {
        return Advisory.builder(id, "test-feed").alias(cve).summary(name + " is broken")
                .severity(Rating.of("test-feed", Severity.HIGH)).withdrawn(withdrawn)
                .affected(Affected.fixedIn(namespace, name, fixed)).build();
    }
}
