package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.FileAdvisoryStore;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.SourceStatus;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db export} / {@code db import --bundle}: every source moved in one checked file; a bad bundle changes nothing. */
class DbBundleCommandTest {
    static final String GO = "data/advisories/golang-vulndb/data/osv";
    static final String ALPINE = "data/advisories/alpine-secdb/v3.10/main.yaml";
    static final String KEV = "data/advisories/kev/known_exploited_vulnerabilities.json";

    @TempDir Path dir;
    Path origin;

    @BeforeEach
    void originWithThreeSources() {
        origin = dir.resolve("origin");
        imported(origin, "go", GO);
        imported(origin, "alpine", ALPINE);
        imported(origin, "kev", KEV);
    }

    static void imported(Path db, String source, String data) {
        CliRun run = CliRun.of("db", "import", "--db", db.toString(), "--source", source, SharedData.require(data).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void exportThenImportGivesTheSameDatabase() {
        Path bundle = dir.resolve("advisories.tar.gz");
        CliRun export = CliRun.of("db", "export", "--db", origin.toString(), bundle.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("exported 3 sources to " + bundle).containsPattern("go\\s+4291 records");

        Path copy = dir.resolve("copy");
        CliRun in = CliRun.of("db", "import", "--db", copy.toString(), "--bundle", bundle.toString());
        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(in.out()).contains("3 sources imported as one change set");

        assertSameData(origin, copy);
        // the same bundle again changes nothing
        assertThat(CliRun.of("db", "import", "--db", copy.toString(), "--bundle", bundle.toString()).out())
                .contains("(0 added, 0 changed, 0 removed records)");
    }

    @Test
    void aTamperedTruncatedOrUnknownBundleIsRefusedWhole() throws IOException {
        Path bundle = dir.resolve("advisories.tar.gz");
        assertThat(CliRun.of("db", "export", "--db", origin.toString(), bundle.toString()).exitCode()).isZero();
        // the target has older data: go with one advisory only, and no alpine or kev
        Path target = dir.resolve("target");
        imported(target, "go", GO + "/GO-2023-2102.json");
        Map<String, String> files = snapshot(target);
        String status = statusTable(target);

        // one record of the last member changed, the manifest left as it was
        Path tampered = rewrite(bundle, dir.resolve("tampered.tar.gz"), (name, bytes) -> name.equals("sources/kev.jsonl")
                ? new String(bytes, StandardCharsets.UTF_8).replaceFirst("\"CVE-", "\"CVE-9").getBytes(StandardCharsets.UTF_8) : bytes);
        refused(target, tampered, "member sources/kev.jsonl has sha256 ");

        byte[] whole = Files.readAllBytes(bundle);
        Path cut = Files.write(dir.resolve("cut.tar.gz"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        refused(target, cut, "is truncated or damaged");

        Path unknown = rewrite(bundle, dir.resolve("unknown.tar.gz"), (name, bytes) -> name.equals("manifest.json")
                ? new String(bytes, StandardCharsets.UTF_8).replace("\"source\" : \"kev\"", "\"source\" : \"acme\"")
                        .replace("sources/kev.jsonl", "sources/acme.jsonl").getBytes(StandardCharsets.UTF_8) : bytes);
        // refused from its manifest, before any member is read
        refused(target, unknown, "holds source 'acme', which this Spyglass does not know");

        refused(target, dir.resolve("absent.tar.gz"), "does not exist");
        assertThat(snapshot(target)).as("the data folder byte for byte").isEqualTo(files);
        assertThat(statusTable(target)).isEqualTo(status).contains("go").doesNotContain("alpine", "kev");
    }

    @Test
    void misusedOptionsSayWhatIsExpected() {
        CliRun both = CliRun.of("db", "import", "--db", origin.toString(), "--bundle", "x.tar.gz", "--source", "go");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give no --source or PATH with it");
        CliRun neither = CliRun.of("db", "import", "--db", origin.toString());
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give --source NAME and at least one PATH, or --bundle FILE");
        CliRun from = CliRun.of("db", "update", "--db", origin.toString(), "--from", "https://example.org/advisories");
        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(from.err()).contains("expected oci://REGISTRY/NS/REPO:TAG");
        CliRun push = CliRun.of("db", "push", "--db", origin.toString(), "127.0.0.1:1/Bad Name:tag");
        assertThat(push.exitCode()).isEqualTo(2);
        assertThat(push.err()).startsWith("bad target '127.0.0.1:1/Bad Name:tag': malformed repository name");
        CliRun empty = CliRun.of("db", "export", "--db", dir.resolve("empty").toString(), dir.resolve("e.tar.gz").toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("nothing to export");
    }

    private static void refused(Path db, Path bundle, String reason) {
        CliRun run = CliRun.of("db", "import", "--db", db.toString(), "--bundle", bundle.toString());
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).startsWith("bundle refused, database unchanged: ").contains(reason);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    /** The same sources, kinds, record counts and data versions, and the same records in each. */
    static void assertSameData(Path a, Path b) {
        assertThat(statusTable(b)).isEqualTo(statusTable(a));
        FileAdvisoryStore sa = new FileAdvisoryStore(a);
        FileAdvisoryStore sb = new FileAdvisoryStore(b);
        assertThat(sb.status()).hasSize(3);
        for (SourceStatus s : sa.status()) {
            Set<SourceRecord> want = new HashSet<>(sa.load(s.source()));
            assertThat(new HashSet<>(sb.load(s.source()))).as(s.source()).isEqualTo(want);
        }
    }

    /** {@code db status} without its first line (the folder) and the import time column. */
    static String statusTable(Path db) {
        CliRun status = CliRun.of("db", "status", "--db", db.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        return String.join("\n", status.out().lines().skip(1)
                .map(l -> l.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")).toList());
    }

    /** Each file of the folder with the sha256 of its bytes. */
    static Map<String, String> snapshot(Path db) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(db)) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().equals(".lock")) out.put(p.getFileName().toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a bundle's tar entries, each through {@code change}, into a new bundle. */
    static Path rewrite(Path from, Path to, BiFunction<String, byte[], byte[]> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(from)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), change.apply(e.getName(), in.readAllBytes()));
            }
        }
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(to)))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                out.putArchiveEntry(t);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        return to;
    }
}
