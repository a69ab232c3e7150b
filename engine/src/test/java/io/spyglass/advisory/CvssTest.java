package io.spyglass.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.advisory.source.ImporterFixtures;
import io.spyglass.advisory.source.nvd.NvdImporter;
import org.junit.jupiter.api.Test;

class CvssTest {
    @Test
    void computedBaseScoresAgreeWithEveryNvdScore() {
        var records = new NvdImporter().read(ImporterFixtures.advisories("nvd")).records();
        int checked = 0;
        for (SourceRecord r : records) {
            for (Rating rating : ((NvdRecord) r).cvss()) {
                Cvss given = rating.cvss();
                if (given.version().equals("4.0") || given.score() == null) continue;
                assertThat(Cvss.parse(given.vector()).score()).as(r.id() + " " + given.vector()).isEqualTo(given.score());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void versionsAndBadVectors() {
        assertThat(Cvss.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").score()).isEqualTo(10.0);
        assertThat(Cvss.parse("AV:N/AC:L/Au:N/C:P/I:P/A:P").score()).isEqualTo(7.5);
        Cvss v4 = Cvss.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        assertThat(v4.version()).isEqualTo("4.0");
        assertThat(v4.severity()).isEqualTo(Severity.UNSPECIFIED);
        assertThatThrownBy(() -> Cvss.parse("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .isInstanceOf(InvalidAdvisoryException.class).hasMessageContaining("AV:Q").hasMessageNotContaining("null");
        assertThatThrownBy(() -> Cvss.parse("high")).hasMessageContaining("not a CVSS vector: 'high'");
    }
}
