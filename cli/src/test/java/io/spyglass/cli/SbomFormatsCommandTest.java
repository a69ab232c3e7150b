package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spdx", "cyclonedx"})
    void anSbomWrittenInAStandardFormatReadsBackToTheSameList(String format) throws Exception {
        String image = "oci-dir://" + SharedData.requireCorpus("rpm/oci") + ":el9-sqlite";
        Path file = tmp.resolve("sbom." + format + ".json");
        Run write = run("sbom", image, "--format", format, "--output", file.toString());
        assertThat(write.code()).as(write.err()).isZero();
        String marker = format.equals("spdx") ? "spdxVersion" : "bomFormat";
        assertThat(new ObjectMapper().readTree(file.toFile()).has(marker)).isTrue();

        Run direct = run("sbom", image, "--format", "list");
        Run fromFile = run("sbom", "sbom://" + file, "--format", "list");
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("openssl-libs").isEqualTo(direct.out());
    }

    @Test
    void aFileThatIsNoSbomGivesAClearError() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"hello\": 1}");
        Run run = run("sbom", "sbom://" + bad);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(bad.toString(), "neither SPDX JSON");
    }
}
