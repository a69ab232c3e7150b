package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o/--output FILE} of every command that writes a file: checked before any work, with the reason named. */
class OutputOptionsTest {
    @TempDir Path tmp;

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeTheImageIsRead() throws Exception {
        Path aFile = Files.writeString(tmp.resolve("plain.txt"), "keep me");
        String image = "oci-dir://" + tmp.resolve("no-such-layout");
        for (List<String> command : List.of(List.of("sbom", image), List.of("cves", image, "--db", tmp.resolve("db").toString()))) {
            String name = command.get(0);
            CliRun folder = run(command, "--output", tmp.toString());
            assertThat(folder.exitCode()).as(name).isEqualTo(1);
            assertThat(folder.err()).as(name).isEqualTo("spyglass " + name + ": cannot write " + tmp + ": it is a folder; name a file in it\n");

            CliRun missing = run(command, "-o", tmp.resolve("no/such/out.json").toString());
            assertThat(missing.exitCode()).as(name).isEqualTo(1);
            assertThat(missing.err()).as(name).contains("cannot write " + tmp.resolve("no/such/out.json") + ": folder "
                    + tmp.resolve("no/such") + " does not exist");

            CliRun underAFile = run(command, "--output", aFile.resolve("out.json").toString());
            assertThat(underAFile.exitCode()).as(name).isEqualTo(1);
            assertThat(underAFile.err()).as(name).contains(": " + aFile + " is not a folder");
        }
        assertThat(Files.readString(aFile)).isEqualTo("keep me");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("plain.txt");
        }
    }

    @Test
    void aFailedRunLeavesNeitherTheFileNorATemporaryOne() throws Exception {
        Path out = tmp.resolve("sbom.json");
        CliRun bad = CliRun.of("sbom", "oci-dir://" + tmp.resolve("no-such-layout"), "--format", "json", "-o", out.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("OCI layout folder not found");
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
        Path layout = SharedData.requireCorpus("alpine/oci");
        CliRun good = CliRun.of("sbom", "oci-dir://" + layout + ":3.20.3", "--format", "list", "-o", out.toString());
        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("NAME").contains("musl");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("sbom.json");
        }
    }

    @Test
    void aWrittenFileGetsTheUmaskLikeAShellRedirectAndAReplacedOneKeepsItsMode() throws Exception {
        // what the user's umask gives any new file here (0644 under the usual 022)
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("probe")));
        assumeTrue(umaskMode.contains(PosixFilePermission.GROUP_READ), "umask hides files from the group: nothing to tell apart");
        Path out = tmp.resolve("sbom.json");
        OutputOptions options = new OutputOptions();
        options.output = out;

        options.write(o -> o.write("first\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(out)).isEqualTo("first\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo(PosixFilePermissions.toString(umaskMode));

        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        options.write(o -> o.write("second\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(out)).isEqualTo("second\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r-----");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("probe", "sbom.json");
        }
    }

    private static CliRun run(List<String> command, String... more) {
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }
}
