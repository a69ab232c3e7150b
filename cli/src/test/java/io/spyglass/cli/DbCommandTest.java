package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    @TempDir Path db;

    @Test
    void importTwiceThenStatus() {
        Path ghsa = SharedData.require("data/advisories/ghsa");
        CliRun first = CliRun.of("db", "import", "--db", db.toString(), "--source", "ghsa", ghsa.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("ghsa: \\d+ records from \\d+ files");
        assertThat(first.out()).containsPattern("change set: [1-9]\\d* package keys");

        CliRun again = CliRun.of("db", "import", "--db", db.toString(), "--source", "ghsa", ghsa.toString());
        assertThat(again.out()).contains("change set: 0 package keys, 0 enriched ids (0 added, 0 changed, 0 removed records)");

        CliRun status = CliRun.of("db", "status", "--db", db.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).containsPattern("ghsa\\s+advisory\\s+\\d+");
    }

    @Test
    void severalPathsAreOneImportAndStatsLoadTheIndex() {
        Path dsa = SharedData.require("data/advisories/debian-security-tracker/data/DSA");
        Path json = SharedData.require("data/advisories/distro-samples/debian/anchore/vunnel/tests/unit/providers/debian/test-fixtures/input/debian.json");
        CliRun run = CliRun.of("db", "import", "--stats", "--db", db.toString(), "--source", "debian", dsa.toString(), json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("debian: \\d+ records from 2 files, 0 skipped problems");
        assertThat(run.out()).containsPattern("stats: debian imported in [0-9.]+ s, peak heap \\d+ MiB");

        CliRun status = CliRun.of("db", "status", "--stats", "--db", db.toString());
        assertThat(status.out()).containsPattern("stats: index of [1-9]\\d* package keys, [1-9]\\d* vulnerabilities built");
    }

    @Test
    void reimportingLessReportsRemovedAdvisories() {
        Path go = SharedData.require("data/advisories/golang-vulndb/data/osv");
        assertThat(CliRun.of("db", "import", "--db", db.toString(), "--source", "go", go.toString()).out())
                .contains("changes by reason: new_advisory=").contains("withdrawn=");
        CliRun one = CliRun.of("db", "import", "--db", db.toString(), "--source", "go", go.resolve("GO-2023-2102.json").toString());
        assertThat(one.out()).contains("(0 added, 0 changed, 4290 removed records)").contains("changes by reason: removed=");
        assertThat(CliRun.of("db", "status", "--db", db.toString()).out()).containsPattern("go\\s+advisory\\s+1\\s");
    }

    @Test
    void unknownSourceAndMissingPathAreClearErrors() {
        CliRun bad = CliRun.of("db", "import", "--db", db.toString(), "--source", "nope", db.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown source 'nope'").contains("osv");

        CliRun missing = CliRun.of("db", "import", "--db", db.toString(), "--source", "osv", db.resolve("absent").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("database unchanged").contains("no such file or folder");
    }

    @Test
    void aServerDatabaseUrlIsNeverShownWithItsPassword() {
        CliRun unsupported = CliRun.of("db", "status", "--db-url", "jdbc:mysql://app:s3cret@db.example/spyglass?password=s3cret");
        assertThat(unsupported.exitCode()).isEqualTo(1);
        assertThat(unsupported.err()).startsWith("spyglass db status: unsupported database URL 'jdbc:mysql://app:****@db.example/spyglass?password=****'")
                .doesNotContain("s3cret");

        // nothing listens on port 1: the driver's error is one line, with no password and no stack trace
        CliRun unreachable = CliRun.of("db", "import", "--db-url", "jdbc:postgresql://127.0.0.1:1/spyglass?user=app&password=s3cret",
                "--source", "osv", db.toString());
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("spyglass db import: cannot open the database 'jdbc:postgresql://127.0.0.1:1/spyglass?user=app&password=****': ")
                .contains("Connection to 127.0.0.1:1 refused").doesNotContain("s3cret", "\tat ");
        assertThat(unreachable.err().lines()).hasSize(1);
    }

    @Test
    void updateOfflineKeepsPreviousData() throws Exception {
        Path go = SharedData.require("data/advisories/golang-vulndb/data/osv");
        assertThat(CliRun.of("db", "import", "--db", db.toString(), "--source", "go", go.toString()).exitCode()).isZero();
        byte[] before = Files.readAllBytes(db.resolve("go.jsonl.gz"));
        Path config = db.resolve("feeds.properties");
        Files.writeString(config, "go = http://127.0.0.1:9/all.zip\n");

        CliRun update = CliRun.of("db", "update", "--db", db.toString(), "--source", "go", "--timeout", "2");
        assertThat(update.exitCode()).isEqualTo(1);
        assertThat(update.err()).contains("offline/unreachable: kept previous data for go");
        assertThat(Files.readAllBytes(db.resolve("go.jsonl.gz"))).isEqualTo(before);
        assertThat(CliRun.of("db", "status", "--db", db.toString()).out()).containsPattern("go\\s+advisory\\s+4291");
    }
}
