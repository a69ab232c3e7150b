package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An advisory whose range bound does not parse: reported at import, and its findings shown as uncertain. */
class UncertainFindingTest {
    @TempDir Path tmp;

    @Test
    void anUnreadableFixedVersionIsReportedAtImportAndItsFindingsAreUncertain() throws Exception {
        Path osv = Files.writeString(tmp.resolve("x-2.json"), """
                {"id":"X-2","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"minimist"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"not.a.version!"}]}]}]}""");
        Path sbom = Files.writeString(tmp.resolve("app.cdx.json"), """
                {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
                 {"type":"library","name":"minimist","version":"0.0.8","purl":"pkg:npm/minimist@0.0.8"}]}""");
        String db = tmp.resolve("db").toString();

        CliRun imported = CliRun.of("db", "--db", db, "import", "--source", "osv", osv.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out() + imported.err()).contains("1 skipped problem").contains("X-2")
                .contains("'not.a.version!' is invalid");

        CliRun json = CliRun.of("cves", "sbom://" + sbom, "--db", db, "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode finding = new ObjectMapper().readTree(json.out()).get("vulnerabilities").get(0);
        assertThat(finding.get("id").asText()).isEqualTo("X-2");
        assertThat(finding.get("uncertain").asBoolean()).isTrue();
        assertThat(finding.get("fixedVersion").isNull()).isTrue();

        CliRun table = CliRun.of("cves", "sbom://" + sbom, "--db", db);
        assertThat(table.out().lines().filter(l -> l.startsWith("minimist")))
                .singleElement().satisfies(row -> assertThat(row.split("\\s+")).startsWith("minimist", "0.0.8", "?", "npm", "X-2"));
    }
}
