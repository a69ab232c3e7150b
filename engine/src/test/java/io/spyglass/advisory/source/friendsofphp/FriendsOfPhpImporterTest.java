package io.spyglass.advisory.source.friendsofphp;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static io.spyglass.advisory.source.ImporterFixtures.advisory;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.source.ImportResult;
import org.junit.jupiter.api.Test;

class FriendsOfPhpImporterTest {
    @Test
    void wholeDatabaseImportsAndBranchesBecomeRanges() {
        ImportResult r = new FriendsOfPhpImporter().read(advisories("friendsofphp-security-advisories"));
        assertThat(r.records()).hasSize(1592);
        assertThat(r.problems()).isEmpty();
        Advisory guzzle = advisory(r.records(), "guzzlehttp/guzzle/CVE-2022-29248");
        assertThat(guzzle.aliases()).containsExactly("CVE-2022-29248", "GHSA-cwmx-hcrq-mhc3");
        assertThat(guzzle.affected()).singleElement().satisfies(a -> {
            assertThat(a.namespace()).isEqualTo("Packagist");
            assertThat(a.name()).isEqualTo("guzzlehttp/guzzle");
            assertThat(a.ranges()).containsExactly(
                    AffectedRange.events(AffectedRange.Type.ECOSYSTEM, "7", "7.4.3", null, null),
                    AffectedRange.events(AffectedRange.Type.ECOSYSTEM, "4", "6.5.6", null, null));
        });
    }
}
