package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long commands draw no progress when standard error is not a terminal (here it is a captured
 * stream, as in a pipe or a CI log), and take {@code --quiet} alike.
 */
class ProgressOutputTest {
    @TempDir Path db;

    @Test
    void dbImportWritesNoProgressToACapturedStderrWithOrWithoutQuiet() {
        Path go = SharedData.require("data/advisories/golang-vulndb/data/osv");
        CliRun plain = CliRun.of("db", "import", "--db", db.toString(), "--source", "go", go.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.err()).doesNotContain("\r").doesNotContain("import go");
        CliRun quiet = CliRun.of("db", "import", "--quiet", "--db", db.toString(), "--source", "go", go.toString());
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("\r");
        assertThat(CliRun.of("db", "update", "-q", "--db", db.toString(), "--source", "none").err())
                .isEqualTo("no feed configured for source 'none'" + System.lineSeparator());
    }

    @Test
    void imageCommandsTakeQuietAndPrintTheSameResult() {
        Path layout = SharedData.requireCorpus("alpine/oci");
        CliRun plain = CliRun.of("sbom", "oci-dir://" + layout + ":3.20.3", "--format", "json");
        CliRun quiet = CliRun.of("sbom", "-q", "oci-dir://" + layout + ":3.20.3", "--format", "json");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(plain.err()).doesNotContain("\r");
        assertThat(quiet.out()).isEqualTo(plain.out());
        for (String command : new String[] {"cves", "quickview", "compare"}) {
            assertThat(CliRun.of(command, "--help").out()).as(command).contains("-q, --quiet");
        }
    }
}
