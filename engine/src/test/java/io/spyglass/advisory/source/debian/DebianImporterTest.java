package io.spyglass.advisory.source.debian;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static io.spyglass.advisory.source.ImporterFixtures.advisory;
import static io.spyglass.advisory.source.ImporterFixtures.affected;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Reference;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.ImportResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DebianImporterTest {
    @Test
    void dsaDlaDtsaListsBecomePerCveRecords() {
        ImportResult r = new DebianImporter().read(advisories("debian-security-tracker/data"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.files()).isEqualTo(3);
        Advisory xorg = advisory(r.records(), "CVE-2023-1393");
        assertThat(affected(xorg, "debian:11", "xorg-server").fixedVersions()).containsExactly("2:1.20.11-1+deb11u6");
        assertThat(xorg.references()).contains(new Reference("ADVISORY", "https://security-tracker.debian.org/tracker/DSA-5380-1"));
        assertThat(xorg.published()).isEqualTo(Instant.parse("2023-03-29T00:00:00Z"));
        // one DSA, five CVEs: five records, never aliases of each other
        assertThat(advisory(r.records(), "CVE-2022-42331").aliases()).isEmpty();
        Affected vlc = affected(advisory(r.records(), "CVE-2011-1684"), "debian:5", "vlc");
        assertThat(vlc.status()).isEqualTo(AffectedStatus.NOT_AFFECTED);
        assertThat(vlc.note()).isEqualTo("Vulnerable code not present");
        // the DTSA list writes dates as "August 28th, 2005" (DTSA-5-1, CVE only there)
        assertThat(advisory(r.records(), "CVE-2005-2102").published()).isEqualTo(Instant.parse("2005-08-28T00:00:00Z"));
    }

    @Test
    void trackerJsonFeedKeepsStatesAndUrgency() {
        ImportResult r = new DebianImporter().read(advisories(
                "distro-samples/debian/anchore/vunnel/tests/unit/providers/debian/test-fixtures/input/debian.json"));
        assertThat(r.problems()).isEmpty();
        Advisory proto = advisory(r.records(), "CVE-2008-7220");
        Affected stretch = affected(proto, "debian:9", "prototypejs");
        assertThat(stretch.fixedVersions()).containsExactly("1.6.0.2-1");
        assertThat(stretch.status()).isEqualTo(AffectedStatus.FIXED);
        assertThat(proto.severities()).extracting(x -> x.level()).containsOnly(Severity.HIGH);
        // an open issue in a release out of security support will not be fixed
        Affected buster = affected(advisory(r.records(), "CVE-2022-0456"), "debian:10", "chromium");
        assertThat(buster.status()).isEqualTo(AffectedStatus.WILL_NOT_FIX);
        assertThat(buster.fixedVersions()).isEmpty();
    }

    @Test
    void aTrackerEntryWithoutACveIdIsAProblemAndTheRestIsKept() {
        byte[] feed = """
                {"zlib": {
                  "": {"releases": {"bookworm": {"status": "open", "urgency": "low"}}},
                  "CVE-2023-45853": {"releases": {"bookworm": {"status": "open", "urgency": "low"}}}
                }}""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var parsed = DebianTrackerJsonParser.parse("debian.json", feed);
        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("no CVE id"));
        assertThat(parsed.records()).extracting(x -> ((Advisory) x).id()).containsExactly("CVE-2023-45853");
    }
}
