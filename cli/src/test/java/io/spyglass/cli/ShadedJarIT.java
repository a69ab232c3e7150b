package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the jar users run ({@code cli/target/spyglass.jar}, what {@code ./spyglass} starts), not the
 * test class path: a library that tests see but the shaded jar lacks only shows up here (CycloneDX
 * output once failed with NoClassDefFoundError because json-schema-validator was test-scoped).
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "spyglass.jar");

    @Test
    void everySbomFormatIsWrittenByTheShippedJar(@TempDir Path tmp) throws Exception {
        Path layout = SharedData.requireCorpus("alpine/oci");
        String image = "oci-dir://" + layout.toAbsolutePath() + ":3.20.3";
        for (String format : List.of("list", "json", "spdx", "cyclonedx")) {
            Path out = tmp.resolve("sbom." + format);
            Result r = run(tmp, "sbom", image, "--format", format, "--output", out.toString());
            assertThat(r.code).as(format + ": " + r.output).isZero();
            assertThat(Files.readString(out)).as(format).contains("musl");
        }
    }

    @Test
    void everyCommandAnswersHelp(@TempDir Path tmp) throws Exception {
        for (List<String> command : List.of(List.of("serve"), List.of("admin"), List.of("admin", "user", "create"),
                List.of("db"), List.of("db", "import"), List.of("repo", "settings"), List.of("sbom"), List.of("cves"),
                List.of("quickview"), List.of("compare"), List.of("vercmp"), List.of("install", "docker-plugin"))) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Result r = run(tmp, args.toArray(String[]::new));
            assertThat(r.code).as(String.join(" ", args) + ": " + r.output).isZero();
            assertThat(r.output).as(String.join(" ", args)).startsWith("Usage: spyglass " + String.join(" ", command));
        }
    }

    private record Result(int code, String output) {}

    private static Result run(Path tmp, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "run", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
