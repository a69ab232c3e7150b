package io.spyglass.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.PackageKey;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.source.Importers;
import io.spyglass.advisory.source.osv.OsvParser;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.java.JavaCataloger;
import io.spyglass.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jars whose Maven group is unknown, matched against the real shared GHSA records: found under the
 * one group the advisory data names for the artifactId, and marked uncertain; never when two groups
 * share the artifactId.
 */
class InferredGroupMatchTest {
    private static AdvisoryIndex index;

    @BeforeAll
    static void buildIndex() throws Exception {
        Path advisories = SharedData.require("data/advisories");
        List<SourceRecord> records = new ArrayList<>(
                Importers.forSource("ghsa").orElseThrow().read(advisories.resolve("ghsa")).records());
        // osv-scalibr's zeppelin-server test data: a bundle of real GHSA records, among them
        // io.netty:netty and org.jboss.netty:netty (two groups, one artifactId)
        Path bundle = advisories.resolve("ghsa/osv-dev-bundles/google/osv-scalibr/guidedremediation/internal/strategy/"
                + "override/testdata/zeppelin-server/vulnerabilities.json");
        ObjectMapper json = new ObjectMapper();
        OsvParser parser = new OsvParser("ghsa");
        for (JsonNode v : json.readTree(Files.readAllBytes(bundle)).get("vulns")) {
            records.addAll(parser.parse(v.get("id").asText() + ".json", json.writeValueAsBytes(v)).records());
        }
        index = AdvisoryIndex.build(AdvisoryData.of(records));
    }

    @Test
    void log4jCoreWithoutMavenMetadataGetsLog4ShellMarkedUncertain() throws Exception {
        // a jar stripped of its manifest and Maven metadata (as shading or hand-copied libs leave it): the
        // cataloger knows the artifact and version from the file name only
        Package p = catalogued("opt/app/lib/log4j-core-2.14.1.jar");
        assertThat(p.purl()).isNull();
        assertThat(p.uncertainty()).startsWith("groupId unknown");
        assertThat(index.mavenGroups("log4j-core")).containsExactly("org.apache.logging.log4j");

        List<Finding> findings = new Matcher(index).match(p, (io.spyglass.catalog.Distro) null);
        Finding log4shell = findings.stream().filter(f -> f.vulnerabilityId().equals("CVE-2021-44228")
                || f.aliases().contains("CVE-2021-44228")).findFirst().orElseThrow();
        assertThat(log4shell.uncertain()).isTrue();
        assertThat(log4shell.matchedBy()).isEqualTo(MatchKeys.INFERRED_GROUP);
        assertThat(log4shell.note()).contains("org.apache.logging.log4j").contains("inferred");
        assertThat(log4shell.fixedVersion()).isEqualTo("2.15.0");
        assertThat(findings).allMatch(Finding::uncertain);
    }

    @Test
    void sameJarWithItsGroupKnownMatchesCertainly() {
        Package p = new Package(io.spyglass.catalog.PackageType.MAVEN, "log4j-core", "2.14.1",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", null, null, List.of(), List.of());
        List<Finding> findings = new Matcher(index).match(p, (io.spyglass.catalog.Distro) null);
        assertThat(findings).isNotEmpty().noneMatch(Finding::uncertain);
    }

    @Test
    void artifactIdTwoGroupsShareGivesNoFinding() throws Exception {
        Package p = catalogued("opt/app/lib/netty-3.9.0.Final.jar");
        assertThat(p.name()).isEqualTo("netty");
        assertThat(p.purl()).isNull();
        assertThat(index.mavenGroups("netty")).containsExactly("io.netty", "org.jboss.netty");
        assertThat(new Matcher(index).match(p, (io.spyglass.catalog.Distro) null)).isEmpty();
        // known as either group, the same version is affected: the silence is the missing group, not the version
        Package known = new Package(io.spyglass.catalog.PackageType.MAVEN, "netty", "3.9.0.Final",
                "pkg:maven/io.netty/netty@3.9.0.Final", null, null, List.of(), List.of());
        assertThat(new Matcher(index).match(known, (io.spyglass.catalog.Distro) null)).isNotEmpty();
    }

    @Test
    void aChangeToGroupAndArtifactReachesPackagesStoredUnderTheArtifactAlone() {
        assertThat(MatchKeys.reachedBy(new PackageKey("Maven", "org.apache.logging.log4j:log4j-core")))
                .containsExactly(new PackageKey("Maven", "org.apache.logging.log4j:log4j-core"), new PackageKey("Maven", "log4j-core"));
        assertThat(MatchKeys.reachedBy(new PackageKey("npm", "lodash"))).containsExactly(new PackageKey("npm", "lodash"));
    }

    private static Package catalogued(String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("org/example/Placeholder.class"));
            zip.closeEntry();
        }
        byte[] bytes = out.toByteArray();
        ParseResult r = new JavaCataloger().parse(new FileEntry(path, bytes.length, 0644), new ByteArrayInputStream(bytes));
        assertThat(r.packages()).hasSize(1);
        return r.packages().get(0);
    }
}
