package io.spyglass.advisory.source.kev;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.KevEntry;
import io.spyglass.advisory.source.ImportResult;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class KevImporterTest {
    @Test
    void fullCatalogue() {
        ImportResult r = new KevImporter().read(advisories("kev/known_exploited_vulnerabilities.json"));
        assertThat(r.records()).hasSize(1404);
        assertThat(r.problems()).isEmpty();
        assertThat(r.dataVersion()).isEqualTo("2025.08.25");
        KevEntry log4shell = r.records().stream().filter(x -> x.id().equals("CVE-2021-44228")).map(KevEntry.class::cast)
                .findFirst().orElseThrow();
        assertThat(log4shell.dateAdded()).isEqualTo(LocalDate.parse("2021-12-10"));
        assertThat(log4shell.knownRansomwareUse()).isTrue();
    }
}
