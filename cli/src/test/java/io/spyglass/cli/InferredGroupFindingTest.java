package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar of unknown Maven group (as the SBOM says: no purl, an uncertainty) against the real GHSA
 * Log4Shell record: found under the only group the data names for log4j-core, shown as uncertain.
 */
class InferredGroupFindingTest {
    @TempDir Path tmp;

    @Test
    void log4jCoreOfUnknownGroupGetsLog4ShellAsAnUncertainFinding() throws Exception {
        Path ghsa = SharedData.require("data/advisories/ghsa/GHSA-jfh8-c2jp-5v3q.json");
        Path sbom = Files.writeString(tmp.resolve("app.cdx.json"), """
                {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
                 {"type":"library","name":"log4j-core","version":"2.14.1","properties":[
                  {"name":"spyglass:type","value":"maven"},
                  {"name":"spyglass:uncertainty","value":"groupId unknown: artifact and version from the file name"}]}]}""");
        String db = tmp.resolve("db").toString();
        CliRun imported = CliRun.of("db", "--db", db, "import", "--source", "ghsa", ghsa.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        CliRun json = CliRun.of("cves", "sbom://" + sbom, "--db", db, "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode finding = new ObjectMapper().readTree(json.out()).get("vulnerabilities").get(0);
        assertThat(finding.get("id").asText()).isEqualTo("CVE-2021-44228");
        assertThat(finding.get("package").get("purl").isNull()).isTrue();
        assertThat(finding.get("uncertain").asBoolean()).isTrue();
        assertThat(finding.get("uncertainReason").asText()).contains("org.apache.logging.log4j").contains("inferred");
        assertThat(finding.get("fixedVersion").asText()).isEqualTo("2.15.0");

        CliRun table = CliRun.of("cves", "sbom://" + sbom, "--db", db);
        assertThat(table.out().lines().filter(l -> l.startsWith("log4j-core")))
                .singleElement().satisfies(row -> assertThat(row.split("\\s+")).startsWith("log4j-core", "2.14.1", "2.15.0?", "maven"));
    }
}
