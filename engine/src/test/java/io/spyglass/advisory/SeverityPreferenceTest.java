package io.spyglass.advisory;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.source.debian.DebianImporter;
import io.spyglass.advisory.source.nvd.NvdImporter;
import io.spyglass.advisory.source.osv.OsvImporter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which source's severity is shown: the distro's for OS packages, GHSA's for language packages, else NVD's. */
class SeverityPreferenceTest {
    private static AdvisoryIndex index(List<List<SourceRecord>> sources) {
        List<SourceRecord> all = new ArrayList<>();
        sources.forEach(all::addAll);
        return AdvisoryIndex.build(AdvisoryData.of(all));
    }

    @Test
    void languagePackageShowsGhsaElseNvd() {
        var ghsa = new OsvImporter("ghsa").read(advisories("ghsa/GHSA-p6mc-m468-83gw.json")).records();
        var nvd = new NvdImporter().read(advisories("nvd/CVE-2020-8203.json")).records();
        Vulnerability both = index(List.of(ghsa, nvd)).vulnerability("CVE-2020-8203").orElseThrow();
        assertThat(both.severity("npm").source()).isEqualTo("ghsa");
        // every source's rating is kept
        assertThat(both.ratings()).extracting(Rating::source).contains("ghsa", "nvd@nist.gov");
        assertThat(both.nvd()).isNotNull();

        Vulnerability nvdOnly = index(List.of(nvd)).vulnerability("CVE-2020-8203").orElseThrow();
        assertThat(nvdOnly.records()).isEmpty();
        assertThat(nvdOnly.severity("npm").source()).isEqualTo("nvd");
        assertThat(nvdOnly.severity("npm").level()).isEqualTo(Severity.HIGH);
    }

    @Test
    void osPackageShowsTheDistroElseNvdElseUnspecified() {
        var tracker = new DebianImporter().read(advisories(
                "distro-samples/debian/anchore/vunnel/tests/unit/providers/debian/test-fixtures/input/debian.json")).records();
        Vulnerability proto = index(List.of(tracker)).vulnerability("CVE-2008-7220").orElseThrow();
        assertThat(proto.severity("debian:9")).isEqualTo(Rating.of("debian", Severity.HIGH));

        // the DSA list carries no severity: NVD's is shown for the Debian package
        var dsa = new DebianImporter().read(advisories("debian-security-tracker/data/DSA")).records();
        var nvd = new NvdImporter().read(advisories(
                "nvd/fixtures/anchore/grype/grype/matcher/apk/testdata/alpine318/nvd/results/2014/cve-2014-0224.json")).records();
        Vulnerability ccs = index(List.of(dsa, nvd)).vulnerability("CVE-2014-0224").orElseThrow();
        assertThat(ccs.severity("debian:7").source()).isEqualTo("nvd");
        assertThat(index(List.of(dsa)).vulnerability("CVE-2014-0224").orElseThrow().severity("debian:7").level())
                .isEqualTo(Severity.UNSPECIFIED);
    }
}
