package io.spyglass.advisory.source.osv;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OsvParserTest {
    private static final String ADV = "data/advisories/";

    private static Advisory only(String source, String relative) throws IOException {
        Path p = SharedData.require(ADV + relative);
        Parsed parsed = new OsvParser(source).parse(p.toString(), Files.readAllBytes(p));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).hasSize(1);
        return (Advisory) parsed.records().get(0);
    }

    @Test
    void goVulndbRecordWithAliasesAndSemverRanges() throws IOException {
        Advisory a = only("go", "golang-vulndb/data/osv/GO-2023-2102.json");
        assertThat(a.id()).isEqualTo("GO-2023-2102");
        assertThat(a.aliases()).containsExactly("CVE-2023-39325", "GHSA-4374-p667-p6c8");
        Affected net = a.affected().stream().filter(x -> x.name().equals("golang.org/x/net")).findFirst().orElseThrow();
        assertThat(net.namespace()).isEqualTo("Go");
        assertThat(net.ranges()).extracting(AffectedRange::type).containsOnly(AffectedRange.Type.SEMVER);
        assertThat(net.fixedVersions()).containsExactly("0.17.0");
        assertThat(net.status()).isEqualTo(AffectedStatus.FIXED);
        assertThat(a.affected()).extracting(Affected::name).contains("stdlib");
    }

    @Test
    void withdrawnGoRecordKeepsItsWithdrawalTime() throws IOException {
        Advisory a = only("go", "golang-vulndb/data/osv/GO-2022-0617.json");
        assertThat(a.withdrawn()).isEqualTo(Instant.parse("2024-08-21T16:25:56Z"));
        assertThat(a.affected().get(0).ranges()).singleElement().satisfies(r -> {
            assertThat(r.introduced()).isEqualTo("0");
            assertThat(r.fixed()).isNull();
        });
        assertThat(a.affected().get(0).status()).isEqualTo(AffectedStatus.AFFECTED);
    }

    @Test
    void pypaYamlSkipsGitRangesAndKeepsVersionList() throws IOException {
        Advisory a = only("pypa", "pypa-advisory-database/vulns/requests/PYSEC-2023-74.yaml");
        Affected requests = a.affected().get(0);
        assertThat(requests.namespace()).isEqualTo("PyPI");
        assertThat(requests.ranges()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(AffectedRange.Type.ECOSYSTEM);
            assertThat(r.introduced()).isEqualTo("2.3.0");
            assertThat(r.fixed()).isEqualTo("2.31.0");
        });
        assertThat(requests.versions()).contains("2.10.0", "2.18.4").doesNotContain("2.31.0");
        assertThat(a.aliases()).contains("CVE-2023-32681");
    }

    @Test
    void ghsaSeverityWordWinsOverItsVectorAndLastAffectedIsKept() throws IOException {
        Advisory a = only("ghsa", "ghsa/GHSA-29mw-wpgm-hmr9.json");
        assertThat(a.severities()).first().satisfies(r -> {
            assertThat(r.source()).isEqualTo("ghsa");
            assertThat(r.level()).isEqualTo(Severity.MEDIUM);
        });
        Affected trimend = a.affected().stream().filter(x -> x.name().equals("lodash.trimend")).findFirst().orElseThrow();
        assertThat(trimend.ranges()).singleElement().satisfies(r -> {
            assertThat(r.lastAffected()).isEqualTo("4.5.1");
            assertThat(r.fixed()).isNull();
        });
    }

    @Test
    void pypaCvssVectorIsScored() throws IOException {
        Path p = SharedData.require(ADV + "pypa-advisory-database/vulns/apache-skywalking");
        Path file;
        try (var s = Files.list(p)) {
            file = s.filter(f -> f.toString().endsWith("PYSEC-2020-342.yaml")).findFirst().orElseThrow();
        }
        Advisory a = (Advisory) new OsvParser("pypa").parse(file.toString(), Files.readAllBytes(file)).records().get(0);
        // CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H is 9.8 by FIRST's calculator
        assertThat(a.severities()).singleElement().satisfies(r -> {
            assertThat(r.cvss().score()).isEqualTo(9.8);
            assertThat(r.level()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void distroEcosystemsBecomeNamespaces() throws IOException {
        Advisory a = only("osv", "distro-samples/alpine/MaineK00n/vuls-data-update/pkg/fetch/alpine/osv/testdata/golden/2023/ALPINE-CVE-2023-46850.json");
        assertThat(a.affected()).extracting(Affected::namespace).contains("alpine:3.18");
    }

    @Test
    void limitEventBoundsEveryInterval() {
        String json = """
                {"id":"TEST-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"x"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"fixed":"1.2.0"},{"introduced":"2.0.0"},{"limit":"3.0.0"}]}]}]}""";
        Parsed p = new OsvParser("osv").parse("inline.json", json.getBytes(StandardCharsets.UTF_8));
        Advisory a = (Advisory) p.records().get(0);
        assertThat(a.affected().get(0).ranges()).containsExactly(
                AffectedRange.events(AffectedRange.Type.SEMVER, "1.0.0", "1.2.0", null, "3.0.0"),
                AffectedRange.events(AffectedRange.Type.SEMVER, "2.0.0", null, null, "3.0.0"));
    }

    @Test
    void badInputIsReportedWithFileAndRecord() {
        Parsed broken = new OsvParser("osv").parse("feed/broken.json", "{\"id\": \"X\", ".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.records()).isEmpty();
        assertThat(broken.problems()).singleElement().satisfies(pr -> {
            assertThat(pr.file()).isEqualTo("feed/broken.json");
            assertThat(pr.message()).contains("not valid JSON");
        });
        String unknown = """
                {"id":"TEST-2","modified":"2024-01-01T00:00:00Z","affected":[
                 {"package":{"ecosystem":"NoSuchEco","name":"x"},"ranges":[]},
                 {"package":{"ecosystem":"PyPI","name":"Foo_Bar"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]},
                 {"package":{"ecosystem":"PyPI","name":"y"},"ranges":[{"type":"WEIRD","events":[]}]}]}""";
        Parsed p = new OsvParser("osv").parse("f.json", unknown.getBytes(StandardCharsets.UTF_8));
        Advisory a = (Advisory) p.records().get(0);
        assertThat(a.affected()).extracting(Affected::name).containsExactly("foo-bar");
        assertThat(p.problems()).extracting(pr -> pr.recordId() + ": " + pr.message())
                .containsExactly("TEST-2: affected x skipped: unknown ecosystem 'NoSuchEco'",
                        "TEST-2: affected y skipped: unknown range type 'WEIRD'");
    }

    @Test
    void aRangeBoundTheSchemeCannotReadIsReportedAndTheAdvisoryKept() {
        String json = """
                {"id":"X-2","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"minimist"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"not.a.version!"}]}]},
                 {"package":{"ecosystem":"npm","name":"fine"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.2.3"}]}]}]}""";
        Parsed p = new OsvParser("osv").parse("feed/x-2.json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(p.problems()).singleElement().satisfies(pr -> {
            assertThat(pr.file()).isEqualTo("feed/x-2.json");
            assertThat(pr.recordId()).isEqualTo("X-2");
            assertThat(pr.message()).startsWith("affected minimist: semver version 'not.a.version!' is invalid")
                    .endsWith("; kept, its matches are marked uncertain");
        });
        Advisory a = (Advisory) p.records().get(0);
        assertThat(a.affected()).extracting(Affected::name).containsExactly("minimist", "fine");
        assertThat(a.affected().get(0).ranges()).singleElement().extracting(AffectedRange::fixed).isEqualTo("not.a.version!");
    }
}
