package io.spyglass.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.source.Importers;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The corpus Debian image against the real shared advisories: the well-known findings a user
 * would check first (issue 4 item 6), each with its source and fixed version.
 */
class MatcherCorpusTest {
    private static Sbom sbom;
    private static List<Finding> findings;

    @BeforeAll
    static void matchCorpusImage() throws Exception {
        Path oci = SharedData.requireCorpus("debian/oci");
        Path advisories = SharedData.require("data/advisories");
        List<SourceRecord> records = new ArrayList<>();
        records.addAll(Importers.forSource("go").orElseThrow().read(advisories.resolve("golang-vulndb")).records());
        records.addAll(Importers.forSource("ghsa").orElseThrow().read(advisories.resolve("ghsa")).records());
        records.addAll(Importers.forSource("pypa").orElseThrow().read(advisories.resolve("pypa-advisory-database")).records());
        records.addAll(Importers.forSource("debian").orElseThrow().read(advisories.resolve("debian-security-tracker")).records());
        AdvisoryIndex index = AdvisoryIndex.build(AdvisoryData.of(records));
        try (var source = OciLayoutSource.open(oci, "bookworm")) {
            sbom = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
        findings = new Matcher(index).match(sbom);
    }

    private static Optional<Finding> find(String vulnerability, String pkg, String version) {
        return findings.stream()
                .filter(f -> f.vulnerabilityId().equals(vulnerability) || f.aliases().contains(vulnerability))
                .filter(f -> f.pkg().name().equals(pkg) && version.equals(f.pkg().version()))
                .findFirst();
    }

    @Test
    void goModuleGetsItsGoVulndbEntries() {
        // golang.org/x/net v0.7.0 is pinned by corpus-gomod's go.mod in build-debian-image.sh; the advisories are shared data
        List<Finding> xnet = findings.stream().filter(f -> f.pkg().name().equals("golang.org/x/net")).toList();
        assertThat(xnet).isNotEmpty();
        // every x/net entry of the Go vulndb whose fix is above v0.7.0 is found (GHSA-only records may add more)
        assertThat(xnet.stream().filter(f -> f.sources().contains("go")).count()).isGreaterThanOrEqualTo(10);
        assertThat(xnet).allSatisfy(f -> assertThat(f.fixedVersion()).isNotNull());
        // GO-2023-1571 (CVE-2022-41723, HPACK decoder) is fixed in v0.7.0 itself: it must not be reported
        assertThat(find("CVE-2022-41723", "golang.org/x/net", "v0.7.0")).isEmpty();
        // GO-2023-1988 (CVE-2023-3978, html injection) was fixed in v0.13.0
        assertThat(find("CVE-2023-3978", "golang.org/x/net", "v0.7.0"))
                .hasValueSatisfying(f -> assertThat(f.fixedVersion()).isEqualTo("0.13.0"));
    }

    @Test
    void goToolchainIsMatchedAsStdlib() {
        assertThat(findings).anyMatch(f -> f.pkg().name().equals("stdlib") && f.sources().contains("go"));
    }

    @Test
    void osPackagesAreKeyedByTheImagesDebianRelease() {
        // the shared Debian tracker snapshot (2023-04) predates bookworm's first DSA, so the corpus
        // image has no Debian findings; what must hold is that none is keyed to another release
        assertThat(findings.stream().filter(f -> f.pkg().type().isOsPackage()))
                .allSatisfy(f -> assertThat(f.namespace()).isEqualTo("debian:12"));
        assertThat(MatchKeys.distroNamespace(sbom.distro())).contains("debian:12");
    }

    @Test
    void findingsAreDeterministicAndExplained() {
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.sources()).isNotEmpty();
            assertThat(f.matchedRange()).isNotBlank();
        });
        assertThat(findings).isSortedAccordingTo(Matcher.ORDER);
    }
}
