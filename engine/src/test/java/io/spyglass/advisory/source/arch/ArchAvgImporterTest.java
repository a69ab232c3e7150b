package io.spyglass.advisory.source.arch;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static io.spyglass.advisory.source.ImporterFixtures.advisory;
import static io.spyglass.advisory.source.ImporterFixtures.affected;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.ImportResult;
import org.junit.jupiter.api.Test;

class ArchAvgImporterTest {
    @Test
    void avgGroupsBecomePerCveRecords() {
        ImportResult r = new ArchAvgImporter().read(advisories(
                "distro-samples/arch/anchore/vunnel/tests/unit/providers/arch/test-fixtures/input/arch-advisories/all.json"));
        assertThat(r.problems()).isEmpty();
        var openssl = advisory(r.records(), "CVE-2024-5679");
        assertThat(affected(openssl, "arch", "openssl").fixedVersions()).containsExactly("3.2.0-1");
        assertThat(openssl.severities()).singleElement().satisfies(x -> assertThat(x.level()).isEqualTo(Severity.CRITICAL));
        var pam = affected(advisory(r.records(), "CVE-2025-6020"), "arch", "pam");
        assertThat(pam.status()).isEqualTo(AffectedStatus.AFFECTED);
        assertThat(pam.fixedVersions()).isEmpty();
        var glibc = advisory(r.records(), "CVE-2023-4911");
        assertThat(glibc.affected()).extracting(a -> a.name()).containsExactly("glibc", "lib32-glibc");
    }

    @Test
    void invalidFeedIsRefused() {
        var parsed = ArchAvgParser.parse("invalid.json", advisoriesBytes());
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not valid JSON"));
    }

    private static byte[] advisoriesBytes() {
        try {
            return java.nio.file.Files.readAllBytes(advisories("distro-samples/arch/MaineK00n/vuls-data-update/pkg/fetch/arch/testdata/fixtures/invalid.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
