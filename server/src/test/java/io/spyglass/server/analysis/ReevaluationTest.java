package io.spyglass.server.analysis;

import static io.spyglass.server.registry.ServerFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            history.forEach(h -> lines.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText() + " "
                    + h.path("packageName").asText() + ": " + h.path("reason").asText()));
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

    static Advisory advisory(String id, String cve, String namespace, String name, String fixed, Instant withdrawn) {
        return Advisory.builder(id, "test-feed").alias(cve).summary(name + " is broken")
                .severity(Rating.of("test-feed", Severity.HIGH)).withdrawn(withdrawn)
                .affected(Affected.fixedIn(namespace, name, fixed)).build();
    }
}
