package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code spyglass sbom --format spdx|cyclonedx} and reading the result back with {@code sbom://FILE}. */
class SbomFormatsCommandTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"spdx", "cyclonedx"})
    void anSbomWrittenInAStandardFormatReadsBackToTheSameList(String format) throws Exception {
        String image = "oci-dir://" + SharedData.requireCorpus("rpm/oci") + ":el9-sqlite";
        Path file = tmp.resolve("sbom." + format + ".json");
        CliRun write = CliRun.of("sbom", image, "--format", format, "--output", file.toString());
        assertThat(write.exitCode()).as(write.err()).isZero();
        String marker = format.equals("spdx") ? "spdxVersion" : "bomFormat";
        assertThat(new ObjectMapper().readTree(file.toFile()).has(marker)).isTrue();

        CliRun direct = CliRun.of("sbom", image, "--format", "list");
        CliRun fromFile = CliRun.of("sbom", "sbom://" + file, "--format", "list");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("openssl-libs").isEqualTo(direct.out());
    }

    @Test
    void aFileThatIsNoSbomGivesAClearError() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"hello\": 1}");
        CliRun run = CliRun.of("sbom", "sbom://" + bad);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(bad.toString(), "neither SPDX JSON");
    }
}
