package io.spyglass.advisory.source.rubysec;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static io.spyglass.advisory.source.ImporterFixtures.advisory;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.ImportResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RubysecImporterTest {
    @Test
    void wholeDatabaseImportsGemsAndRubies() {
        ImportResult r = new RubysecImporter().read(advisories("rubysec-ruby-advisory-db"));
        // README: 1,234 gem advisories + 147 Ruby-interpreter advisories
        assertThat(r.records()).hasSize(1234 + 147);
        assertThat(r.problems()).isEmpty();

        Advisory rack = advisory(r.records(), "rack/CVE-2022-30123");
        assertThat(rack.aliases()).containsExactly("CVE-2022-30123", "GHSA-wq4h-7r42-5hrr");
        assertThat(rack.severities()).singleElement().satisfies(x -> assertThat(x.level()).isEqualTo(Severity.CRITICAL));
        assertThat(rack.affected()).singleElement().satisfies(a -> {
            assertThat(a.namespace()).isEqualTo("RubyGems");
            assertThat(a.status()).isEqualTo(AffectedStatus.FIXED);
            assertThat(a.ranges()).extracting(AffectedRange::type).containsOnly(AffectedRange.Type.UNAFFECTED_IF);
            assertThat(a.ranges()).extracting(AffectedRange::constraint)
                    .containsExactly("~> 2.0.9, >= 2.0.9.1", "~> 2.1.4, >= 2.1.4.1", ">= 2.2.3.1");
            assertThat(a.fixedVersions()).containsExactly("2.0.9.1", "2.1.4.1", "2.2.3.1");
        });
        assertThat(r.records()).filteredOn(x -> ((Advisory) x).affected().get(0).namespace().equals("rubies"))
                .hasSize(147);
    }

    @Test
    void unparsableRequirementIsReportedWithTheRecord() {
        String yaml = "gem: demo\ncve: 2099-0001\npatched_versions:\n  - \">= \"\n";
        var parsed = RubysecParser.parse("gems/demo/CVE-2099-0001.yml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("gems/demo/CVE-2099-0001.yml");
            assertThat(p.recordId()).isEqualTo("demo/CVE-2099-0001");
        });
    }
}
