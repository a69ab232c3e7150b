package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cves --vex}: a not_affected statement for lodash's CVE-2020-28500 in the corpus Debian image
 * (lodash 4.17.15 is pinned by build-debian-image.sh) against real GHSA data.
 */
class CvesVexTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    private static String debian;
    private static String digest;

    @BeforeAll
    static void importAdvisories() {
        Path layout = SharedData.requireCorpus("debian/oci");
        debian = "oci-dir://" + layout + ":bookworm";
        digest = CorpusBuild.manifestDigest(layout, "bookworm");
        Path advisories = SharedData.require("data/advisories");
        assertThat(CliRun.of("db", "--db", dir.resolve("db").toString(), "import", "--source", "ghsa", advisories.resolve("ghsa").toString()).exitCode()).isZero();
    }

    private static Path vex(String name, String productId, String status, String extra) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/%s", "author": "Platform Security <sec@example.com>",
                 "timestamp": "2024-03-01T12:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2020-28500"}, "products": [%s], "status": "%s"%s}]}
                """.formatted(name, productId, status, extra));
        return file;
    }

    private static CliRun cves(String... extra) {
        List<String> args = new ArrayList<>(List.of("cves", debian, "--db", dir.resolve("db").toString(), "--only-package-type", "npm"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<JsonNode> cve28500(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isIn(0, 2);
        return StreamSupport.stream(JSON.readTree(run.out()).get("vulnerabilities").spliterator(), false)
                .filter(v -> v.get("id").asText().equals("CVE-2020-28500") || v.get("aliases").toString().contains("CVE-2020-28500"))
                .filter(v -> v.at("/package/name").asText().equals("lodash")).toList();
    }

    @Test
    void notAffectedForTheImageSuppressesTheFindingButKeepsItVisibleWithTheReason() throws Exception {
        List<JsonNode> before = cve28500(cves("--format", "json"));
        assertThat(before).isNotEmpty().allSatisfy(v -> assertThat(v.get("suppressed").asBoolean()).isFalse());

        Path file = vex("image.json", """
                {"@id": "pkg:oci/debian@%s", "subcomponents": [{"@id": "pkg:npm/lodash@4.17.15"}]}""".formatted(digest.replace(":", "%3A")),
                "not_affected", ", \"justification\": \"vulnerable_code_not_in_execute_path\"");
        List<JsonNode> after = cve28500(cves("--format", "json", "--vex", file.toString()));
        assertThat(after).hasSameSizeAs(before).allSatisfy(v -> {
            assertThat(v.get("suppressed").asBoolean()).isTrue();
            assertThat(v.at("/vex/justification").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
            assertThat(v.at("/vex/author").asText()).isEqualTo("Platform Security <sec@example.com>");
        });

        String table = cves("--vex", file.toString()).out();
        assertThat(table).contains("suppressed by VEX (not counted)").contains("CVE-2020-28500: Suppressed by VEX: vulnerable_code_not_in_execute_path");
        String markdown = cves("--format", "markdown", "--vex", file.toString()).out();
        assertThat(markdown).contains("### Suppressed by VEX");
        JsonNode sarif = JSON.readTree(cves("--format", "sarif", "--vex", file.toString()).out());
        assertThat(sarif.at("/runs/0/results").toString()).contains("\"suppressions\"").contains("vulnerable_code_not_in_execute_path");
    }

    @Test
    void exitCodeCountsOnlyWhatVexLeaves() throws Exception {
        CliRun plain = cves("--exit-code", "--format", "json");
        assertThat(plain.exitCode()).isEqualTo(CvesCommand.VULNERABLE);
        List<String> ids = new ArrayList<>();
        JSON.readTree(plain.out()).get("vulnerabilities").forEach(v -> ids.add(v.get("id").asText() + "|" + v.at("/package/purl").asText()));
        // one statement per finding, each naming the package purl: everything is fixed, so nothing is counted
        StringBuilder statements = new StringBuilder();
        for (String id : ids) {
            String[] parts = id.split("\\|");
            if (statements.length() > 0) statements.append(',');
            statements.append("{\"vulnerability\": {\"name\": \"").append(parts[0]).append("\"}, \"products\": [{\"@id\": \"")
                    .append(parts[1]).append("\"}], \"status\": \"fixed\"}");
        }
        Path all = dir.resolve("all.json");
        Files.writeString(all, "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"@id\": \"urn:x\", \"author\": \"a\", \"timestamp\": \"2024-03-01T12:00:00Z\", \"statements\": ["
                + statements + "]}");
        CliRun vexed = cves("--exit-code", "--vex", all.toString());
        assertThat(vexed.exitCode()).as(vexed.err()).isZero();
        assertThat(vexed.out()).startsWith("no vulnerabilities found");
    }

    @Test
    void aDocumentThatCannotBeUsedStopsTheCommandNamingFileAndReason() throws Exception {
        Path bad = vex("bad.json", "{\"@id\": \"pkg:npm/lodash@4.17.15\"}", "not_affected", "");
        CliRun run = cves("--vex", bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(bad.toString()).contains("not_affected needs a justification");
        CliRun missing = cves("--vex", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.json").contains("does not exist");
    }

    @Test
    void formatOpenVexWritesADocumentThatReadsBackWithAffectedAndTheVexStatusKept() throws Exception {
        Path file = vex("pkg.json", "{\"@id\": \"pkg:npm/lodash@4.17.15\"}", "not_affected", ", \"impact_statement\": \"only trusted input reaches trim\"");
        CliRun run = cves("--format", "openvex", "--vex", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
        List<JsonNode> statements = StreamSupport.stream(doc.get("statements").spliterator(), false).toList();
        assertThat(statements).isNotEmpty();
        assertThat(statements).allSatisfy(s -> assertThat(s.at("/products/0/@id").asText()).isEqualTo(digest));
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.at("/vulnerability/name").asText()).isEqualTo("CVE-2020-28500");
            assertThat(s.get("status").asText()).isEqualTo("not_affected");
            assertThat(s.get("impact_statement").asText()).isEqualTo("only trusted input reaches trim");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("status").asText()).isEqualTo("affected");
            assertThat(s.get("action_statement").asText()).startsWith("Upgrade lodash to ");
        });
        // what we write, we read: the document is valid input for --vex
        Path written = dir.resolve("written.json");
        Files.writeString(written, run.out());
        assertThat(cves("--vex", written.toString()).exitCode()).isZero();
    }
}
