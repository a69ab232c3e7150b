package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cves sbom://FILE} on the SPDX and CycloneDX that {@code spyglass sbom} wrote for a corpus
 * image finds exactly what {@code cves} finds on the image (issue 15). The two runs are compared to
 * each other; no finding is pinned.
 */
class SbomRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path db;

    @BeforeAll
    static void importAdvisories() {
        Path a = SharedData.require("data/advisories");
        Path dsa = a.resolve("debian-security-tracker/data");
        String[][] imports = {
                {"go", a.resolve("golang-vulndb").toString()},
                {"ghsa", a.resolve("ghsa").toString()},
                {"alpine", a.resolve("alpine-secdb").toString()},
                {"arch", a.resolve("distro-samples/arch/anchore/vunnel/tests/unit/providers/arch/test-fixtures/input/arch-advisories/all.json").toString()},
        };
        for (String[] i : imports) {
            CliRun run = CliRun.of("db", "--db", db.toString(), "import", "--source", i[0], i[1]);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        CliRun debian = CliRun.of("db", "--db", db.toString(), "import", "--source", "debian",
                dsa.resolve("DSA/list").toString(), dsa.resolve("DLA/list").toString());
        assertThat(debian.exitCode()).as(debian.err()).isZero();
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"debian, bookworm", "alpine, 3.12.12", "alpine, 3.20.3", "arch, arch", "rpm, el9-sqlite", "rpm, el7-bdb",
            "rpm, mariner2-real", "rpm, rhel8-bdb-real", "rpm, sle15-ndb-real"})
    void sbomFilesGiveTheImagesFindings(String image, String tag, @TempDir Path tmp) throws Exception {
        String ref = "oci-dir://" + SharedData.requireCorpus(image + "/oci") + ":" + tag;
        JsonNode direct = findings(ref);
        for (String format : new String[] {"spdx", "cyclonedx"}) {
            Path file = tmp.resolve("sbom." + format + ".json");
            CliRun written = CliRun.of("sbom", ref, "--format", format, "--output", file.toString());
            assertThat(written.exitCode()).as(written.err()).isZero();
            assertThat(Files.size(file)).isPositive();
            JsonNode back = findings("sbom://" + file);
            assertThat(back.size()).as(format + " finding count").isEqualTo(direct.size());
            assertThat(back).as(format).isEqualTo(direct);
        }
    }

    private static JsonNode findings(String ref) throws Exception {
        CliRun run = CliRun.of("cves", ref, "--db", db.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out()).get("vulnerabilities");
    }
}
