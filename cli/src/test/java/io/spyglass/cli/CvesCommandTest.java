package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spyglass cves}, quickview and compare on the corpus images against real Go vulndb and
 * GHSA data imported with {@code spyglass db import}.
 */
class CvesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path db;
    private static String debian;

    @BeforeAll
    static void importAdvisories() {
        debian = "oci-dir://" + SharedData.requireCorpus("debian/oci") + ":bookworm";
        Path advisories = SharedData.require("data/advisories");
        assertThat(CliRun.of("db", "--db", db.toString(), "import", "--source", "go", advisories.resolve("golang-vulndb").toString()).exitCode()).isZero();
        assertThat(CliRun.of("db", "--db", db.toString(), "import", "--source", "ghsa", advisories.resolve("ghsa").toString()).exitCode()).isZero();
    }

    private static List<JsonNode> vulnerabilities(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("cves", debian, "--db", db.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return StreamSupport.stream(JSON.readTree(run.out()).get("vulnerabilities").spliterator(), false).toList();
    }

    private static List<JsonNode> all;

    /** The unfiltered json list, read once: each run catalogs the image again. */
    private static synchronized List<JsonNode> all() throws Exception {
        if (all == null) all = vulnerabilities();
        return all;
    }

    private static List<JsonNode> of(List<JsonNode> vulns, String name, String version) {
        return vulns.stream().filter(v -> v.at("/package/name").asText().equals(name) && v.at("/package/version").asText().equals(version)).toList();
    }

    private static List<String> ids(List<JsonNode> vulns) {
        List<String> ids = new ArrayList<>();
        for (JsonNode v : vulns) {
            ids.add(v.get("id").asText());
            v.get("aliases").forEach(a -> ids.add(a.asText()));
        }
        return ids;
    }

    @Test
    void jsonListsGoAndNpmFindingsWithSourceAndFix() throws Exception {
        List<JsonNode> all = all();
        JsonNode first = all.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "aliases", "severity", "cvss", "source", "sources", "package", "fixedVersion", "uncertain", "locations", "suppressed");
        assertThat(first.get("package").fieldNames()).toIterable().containsExactly("type", "name", "version", "purl");

        // x/net v0.7.0, lodash 4.17.15 and minimist 1.2.0 are pinned by build-debian-image.sh (go.mod, package.json)
        List<JsonNode> xnet = of(all, "golang.org/x/net", "v0.7.0");
        assertThat(xnet).hasSizeGreaterThanOrEqualTo(10);
        assertThat(xnet).allSatisfy(v -> {
            assertThat(v.get("source").asText()).isIn("go", "ghsa");
            assertThat(v.get("fixedVersion").isTextual()).isTrue();
            assertThat(v.get("locations").get(0).get("path").asText()).isNotBlank();
        });
        assertThat(xnet).anySatisfy(v -> {
            assertThat(ids(List.of(v))).contains("CVE-2023-3978");
            assertThat(v.get("fixedVersion").asText()).isEqualTo("0.13.0");
        });
        assertThat(ids(of(all, "lodash", "4.17.15"))).contains("CVE-2020-8203", "CVE-2021-23337");
        assertThat(ids(of(all, "minimist", "1.2.0"))).contains("CVE-2020-7598", "CVE-2021-44906");
        JsonNode lodash = of(all, "lodash", "4.17.15").stream().filter(v -> ids(List.of(v)).contains("CVE-2021-23337")).findFirst().orElseThrow();
        assertThat(lodash.get("source").asText()).isEqualTo("ghsa");
        assertThat(lodash.get("fixedVersion").asText()).isEqualTo("4.17.21");
        assertThat(lodash.get("severity").asText()).isEqualTo("high");
        assertThat(lodash.at("/cvss/vector").asText()).startsWith("CVSS:3.1/");
    }

    @Test
    void filtersKeepExactlyWhatWasAskedFor() throws Exception {
        List<JsonNode> all = all();
        List<JsonNode> severeNpm = vulnerabilities("--only-package-type", "npm", "--only-severity", "critical,high");
        assertThat(severeNpm).isNotEmpty().isEqualTo(all.stream()
                .filter(v -> v.at("/package/type").asText().equals("npm"))
                .filter(v -> List.of("critical", "high").contains(v.get("severity").asText())).toList());
        List<JsonNode> unfixed = vulnerabilities("--only-unfixed");
        assertThat(unfixed).isEqualTo(all.stream().filter(v -> v.get("fixedVersion").isNull()).toList());
        assertThat(unfixed.size()).isLessThan(all.size());

        CliRun bad = CliRun.of("cves", debian, "--db", db.toString(), "--only-severity", "severe");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown severity 'severe'");
        CliRun both = CliRun.of("cves", debian, "--db", db.toString(), "--only-fixed", "--only-unfixed");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("exclude each other");
    }

    @Test
    void sarifHasOneRulePerVulnerabilityAndAResultPerPackage() throws Exception {
        CliRun run = CliRun.of("cves", debian, "--db", db.toString(), "--format", "sarif", "--only-package-type", "npm");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode sarif = JSON.readTree(run.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).endsWith("sarif-schema-2.1.0.json");
        JsonNode runNode = sarif.get("runs").get(0);
        assertThat(runNode.at("/tool/driver/name").asText()).isEqualTo("spyglass");
        JsonNode rules = runNode.at("/tool/driver/rules");
        List<String> ruleIds = StreamSupport.stream(rules.spliterator(), false).map(r -> r.get("id").asText()).toList();
        assertThat(ruleIds).doesNotHaveDuplicates().contains("CVE-2021-23337", "CVE-2021-44906");
        JsonNode results = runNode.get("results");
        List<JsonNode> npm = all().stream().filter(v -> v.at("/package/type").asText().equals("npm")).toList();
        assertThat(results).hasSize(npm.size());
        for (JsonNode r : results) {
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
            assertThat(r.get("level").asText()).isIn("error", "warning", "note");
            assertThat(r.at("/message/text").asText()).isNotBlank();
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).doesNotStartWith("/").contains("node_modules/");
        }
        JsonNode lodash = StreamSupport.stream(results.spliterator(), false)
                .filter(r -> r.get("ruleId").asText().equals("CVE-2021-23337")).findFirst().orElseThrow();
        assertThat(lodash.get("level").asText()).isEqualTo("error");
        assertThat(lodash.at("/message/text").asText()).contains("lodash 4.17.15", "fixed in 4.17.21");
    }

    @Test
    void tableHasOneDistinctLinePerFinding() throws Exception {
        CliRun run = CliRun.of("cves", debian, "--db", db.toString(), "--only-package-type", "maven");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").endsWith("LOCATION");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(vulnerabilities("--only-package-type", "maven").size()).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(r -> assertThat(r).containsPattern("\\.(jar|war|ear)\\S*$"));
    }

    @Test
    void exitCodeTellsWhetherVulnerabilitiesRemain() {
        CliRun vulnerable = CliRun.of("cves", debian, "--db", db.toString(), "--exit-code");
        assertThat(vulnerable.exitCode()).isEqualTo(2);
        assertThat(vulnerable.out()).contains("NAME", "lodash", "4.17.15", "4.17.21", "ghsa");
        // the image has no apk packages: nothing remains after that filter
        CliRun clean = CliRun.of("cves", debian, "--db", db.toString(), "--exit-code", "--only-package-type", "apk");
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("no vulnerabilities found");
    }

    @Test
    void emptyDatabaseGivesAHint(@TempDir Path empty) {
        CliRun run = CliRun.of("cves", debian, "--db", empty.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no vulnerability data", "spyglass db import");
    }

    @Test
    void markdownAndOutputFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("cves.md");
        CliRun run = CliRun.of("cves", debian, "--db", db.toString(), "--format", "markdown", "--output", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(java.nio.file.Files.readString(file)).contains("| Severity |", "| lodash |", "CVE-2021-23337");
    }

    @Test
    void quickviewCountsBySeverity() throws Exception {
        CliRun run = CliRun.of("quickview", debian, "--db", db.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the npm tree is pinned by the build's package.json, but the count is read from the ground truth anyway
        int npm = JSON.readTree(SharedData.requireCorpus("debian/expected.json").toFile()).path("npm").size();
        assertThat(run.out()).contains("distro", "debian 12 (bookworm)", "packages", "npm=" + npm, "vulnerabilities", "critical", "high", "fixable");
    }

    @Test
    void compareListsPackagesAddedAndRemoved() {
        String alpine = "oci-dir://" + SharedData.requireCorpus("alpine/oci") + ":3.20.3";
        CliRun run = CliRun.of("compare", debian, "--to", alpine, "--db", db.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("packages:", "+ apk musl ", "+ apk busybox ", "- deb dpkg ", "- npm lodash 4.17.15",
                "vulnerabilities:", "- CVE-2021-23337 high npm lodash 4.17.15");
    }
}
