package io.spyglass.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.advisory.source.osv.OsvParser;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MatcherTest {

    @Test
    void aFixedBoundTheSchemeCannotReadGivesUncertainFindingsNotFixlessOnes() {
        String json = """
                {"id":"X-2","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"minimist"},
                 "ranges":[{"type":"SEMVER","events":[{"introduced":"0.0.5"},{"fixed":"not.a.version!"}]}]}]}""";
        Parsed parsed = new OsvParser("osv").parse("x-2.json", json.getBytes(StandardCharsets.UTF_8));
        Matcher matcher = new Matcher(AdvisoryIndex.build(AdvisoryData.of(parsed.records())));
        for (String version : new String[] {"0.0.8", "1.2.0"}) {
            assertThat(matcher.match(npm("minimist", version), (io.spyglass.catalog.Distro) null)).as(version).singleElement().satisfies(f -> {
                assertThat(f.vulnerabilityId()).isEqualTo("X-2");
                assertThat(f.uncertain()).isTrue();
                assertThat(f.fixedVersion()).isNull();
                assertThat(f.note()).contains("'not.a.version!' is invalid");
            });
        }
        // below "introduced" the bad bound is never needed: a certain "not affected"
        assertThat(matcher.match(npm("minimist", "0.0.1"), (io.spyglass.catalog.Distro) null)).isEmpty();
    }

    private static Package npm(String name, String version) {
        return new Package(PackageType.NPM, name, version, null, null, null, null, null);
    }
}
