package io.spyglass.advisory.source.nvd;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.NvdRecord;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.ImportResult;
import org.junit.jupiter.api.Test;

class NvdImporterTest {
    private static NvdRecord record(ImportResult r, String id) {
        return r.records().stream().filter(x -> x.id().equals(id)).map(NvdRecord.class::cast).findFirst().orElseThrow();
    }

    @Test
    void perCveFilesKeepEveryMetricAndCwe() {
        ImportResult r = new NvdImporter().read(advisories("nvd"));
        NvdRecord openssl = record(r, "CVE-2022-3602");
        assertThat(openssl.description()).startsWith("A buffer overrun can be triggered in X.509 certificate verification");
        assertThat(openssl.cwes()).containsExactly("CWE-787");
        assertThat(openssl.preferredRating().level()).isEqualTo(Severity.HIGH);
        assertThat(openssl.preferredRating().cvss().score()).isEqualTo(7.5);
        assertThat(openssl.cvss()).extracting(x -> x.source()).contains("nvd@nist.gov");
        // "Awaiting Analysis": no NVD metric and no configurations, still a record
        assertThat(record(r, "CVE-2024-5535").status()).isEqualTo("Awaiting Analysis");
        // grype's fixture with lastModified month 14 is reported, not imported half-read
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.recordId()).isEqualTo("CVE-2010-1724");
            assertThat(p.file()).endsWith("cve-2010-1724-modified.json");
        });
    }

    @Test
    void apiPagesAndVunnelWrappersImport() {
        ImportResult r = new NvdImporter().read(advisories("nvd/fixtures"));
        assertThat(r.records()).extracting(x -> x.id()).contains("CVE-2021-44228", "CVE-2014-0224", "CVE-2023-0286");
        assertThat(r.records().size()).isGreaterThan(100);
    }
}
