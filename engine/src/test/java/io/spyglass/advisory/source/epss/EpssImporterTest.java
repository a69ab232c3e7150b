package io.spyglass.advisory.source.epss;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.EpssScore;
import io.spyglass.advisory.source.ImportResult;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EpssImporterTest {
    private static EpssScore score(ImportResult r, String id) {
        return r.records().stream().filter(x -> x.id().equals(id)).map(EpssScore.class::cast).findFirst().orElseThrow();
    }

    @Test
    void csvWithModelLine() {
        ImportResult r = new EpssImporter().read(advisories("epss/anchore/vunnel/tests/unit/providers/epss/test-fixtures/example-1.csv"));
        EpssScore s = score(r, "CVE-1999-0001");
        assertThat(s.score()).isEqualTo(0.00383);
        assertThat(s.percentile()).isEqualTo(0.73075);
        assertThat(s.date()).isEqualTo(LocalDate.parse("2025-02-20"));
        assertThat(r.dataVersion()).isEqualTo("2025-02-20");
    }

    @Test
    void gzippedDailyFilesKeepTheNewestScore() {
        ImportResult r = new EpssImporter().read(advisories("epss/MaineK00n/vuls-data-update/pkg/fetch/epss/testdata/fixtures"));
        assertThat(r.problems()).isEmpty();
        EpssScore s = score(r, "CVE-2020-5902");
        assertThat(s.date()).isEqualTo(LocalDate.parse("2023-03-07"));
        assertThat(s.score()).isEqualTo(0.97567);
    }

    @Test
    void oldestFormatHasNoPercentileAndBadHeaderIsReported() {
        ImportResult old = new EpssImporter().read(advisories("epss/MaineK00n/vuls-data-update/pkg/fetch/epss/testdata/fixtures/epss_scores-2021-04-14.csv.gz"));
        assertThat(score(old, "CVE-2020-5902").percentile()).isNull();
        assertThat(score(old, "CVE-2020-5902").date()).isEqualTo(LocalDate.parse("2021-04-14"));
        ImportResult mixed = new EpssImporter().read(advisories("epss/anchore/vunnel/tests/unit/providers/epss/test-fixtures"));
        assertThat(mixed.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("invalid-header.csv");
            assertThat(p.message()).contains("invalid,header,format");
        });
    }
}
