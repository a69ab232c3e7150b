package io.spyglass.advisory.source.redhat;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static io.spyglass.advisory.source.ImporterFixtures.advisory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.AdvisoryImportException;
import io.spyglass.advisory.source.ImportResult;
import org.junit.jupiter.api.Test;

class CsafImporterTest {
    private static final String VUNNEL = "distro-samples/redhat/anchore/vunnel/tests/unit/providers/rhel/test-fixtures/csaf/";

    @Test
    void fixedSourceRpmsPerRhelRelease() {
        ImportResult r = new CsafImporter().read(advisories(VUNNEL + "advisories"));
        assertThat(r.problems()).isEmpty();
        Advisory uri = advisory(r.records(), "CVE-2023-28755");
        assertThat(uri.source()).isEqualTo("redhat-csaf");
        Affected ruby25 = uri.affected().stream()
                .filter(a -> a.name().equals("ruby") && "module ruby:2.5".equals(a.note())).findFirst().orElseThrow();
        assertThat(ruby25.namespace()).isEqualTo("redhat:8");
        assertThat(ruby25.fixedVersions()).containsExactly("2.5.9-111.module+el8.9.0+19193+435404ae");
        // binary rpms (ruby-libs) are left out where the source rpm is listed
        assertThat(uri.affected()).extracting(Affected::name).doesNotContain("ruby-libs").contains("rubygem-bson");
        assertThat(uri.severities()).extracting(x -> x.level()).containsOnly(Severity.MEDIUM);
        assertThat(uri.references()).anySatisfy(ref -> assertThat(ref.url()).endsWith("/errata/RHSA-2023:7025"));
    }

    @Test
    void epochAndNotAffectedStatesAreKept() {
        ImportResult r = new CsafImporter().read(advisories(VUNNEL + "advisories/2025/rhsa-2025_23414.json"));
        Advisory bind = advisory(r.records(), "CVE-2021-25220");
        assertThat(bind.affected()).filteredOn(a -> a.name().equals("bind") && a.status() == AffectedStatus.FIXED)
                .singleElement().satisfies(a -> {
                    assertThat(a.namespace()).isEqualTo("redhat:6");
                    assertThat(a.fixedVersions()).containsExactly("32:9.8.2-0.68.rc1.el6_10.17");
                });
        assertThat(bind.affected()).anySatisfy(a -> assertThat(a.status()).isEqualTo(AffectedStatus.NOT_AFFECTED));
        assertThat(bind.cwes()).containsExactly("CWE-444");
    }

    @Test
    void corruptArchiveRefusesTheImport() {
        // vunnel's 24-byte stand-in for the CSAF archive is not a zstd stream
        assertThatThrownBy(() -> new CsafImporter().read(advisories(VUNNEL + "server")))
                .isInstanceOf(AdvisoryImportException.class).hasMessageContaining("csaf_advisories_2025-02-15.tar.zst is truncated or corrupt");
    }

    @Test
    void realCsafArchiveImports() {
        ImportResult r = new CsafImporter().read(advisories(
                "distro-samples/redhat/MaineK00n/vuls-data-update/pkg/fetch/redhat/csaf/testdata/fixtures/csaf_advisories_2024-08-11.tar.zst"));
        assertThat(r.files()).isGreaterThanOrEqualTo(5);
        assertThat(r.records()).isNotEmpty();
        assertThat(r.records()).allSatisfy(x -> assertThat(x.id()).startsWith("CVE-"));
    }
}
