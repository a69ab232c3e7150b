package io.spyglass.advisory;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static io.spyglass.advisory.source.ImporterFixtures.advisory;
import static io.spyglass.advisory.source.ImporterFixtures.affected;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.AffectedVersions.Verdict;
import io.spyglass.advisory.source.alpine.AlpineSecdbImporter;
import io.spyglass.advisory.source.debian.DebianImporter;
import io.spyglass.advisory.source.friendsofphp.FriendsOfPhpImporter;
import io.spyglass.advisory.source.osv.OsvImporter;
import io.spyglass.advisory.source.rubysec.RubysecImporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AffectedVersionsTest {

    private static String verdict(Affected a, String version) {
        AffectedVersions.Check c = AffectedVersions.check(a, version);
        return c.verdict() == Verdict.AFFECTED ? "affected, fix " + c.fixedVersion() : c.verdict().name().toLowerCase();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2.2.3     | affected, fix 2.2.3.1
            2.2.3.1   | not_affected
            2.1.0     | affected, fix 2.1.4.1
            2.0.9.1   | not_affected
            1.6.13    | affected, fix 2.0.9.1
            """)
    void rubysecPatchedRequirements(String version, String expected) {
        Affected rack = new RubysecImporter().read(advisories("rubysec-ruby-advisory-db/gems/rack")).records().stream()
                .filter(r -> r.id().equals("rack/CVE-2022-30123")).map(r -> ((Advisory) r).affected().get(0)).findFirst().orElseThrow();
        assertThat(verdict(rack, version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            7.4.2 | affected, fix 7.4.3
            7.4.3 | not_affected
            6.5.5 | affected, fix 6.5.6
            3.8.1 | not_affected
            """)
    void composerBranches(String version, String expected) {
        var r = new FriendsOfPhpImporter().read(advisories("friendsofphp-security-advisories/guzzlehttp/guzzle")).records();
        assertThat(verdict(affected(advisory(r, "guzzlehttp/guzzle/CVE-2022-29248"), "Packagist", "guzzlehttp/guzzle"), version))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Go  | golang.org/x/net | GO-2023-2102              | v0.7.0  | affected, fix 0.17.0
            Go  | golang.org/x/net | GO-2023-2102              | v0.17.0 | not_affected
            npm | lodash           | GHSA-29mw-wpgm-hmr9       | 4.17.15 | affected, fix 4.17.21
            npm | lodash.trimend   | GHSA-29mw-wpgm-hmr9       | 4.5.1   | affected, fix null
            npm | lodash.trimend   | GHSA-29mw-wpgm-hmr9       | 4.5.2   | not_affected
            """)
    void osvRanges(String namespace, String name, String id, String version, String expected) {
        String dir = id.startsWith("GO-") ? "golang-vulndb/data/osv/" + id + ".json" : "ghsa/" + id + ".json";
        var r = new OsvImporter("osv").read(advisories(dir)).records();
        assertThat(verdict(affected(advisory(r, id), namespace, name), version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2:1.20.11-1+deb11u5 | affected, fix 2:1.20.11-1+deb11u6
            2:1.20.11-1+deb11u6 | not_affected
            """)
    void debianFixedVersion(String version, String expected) {
        var r = new DebianImporter().read(advisories("debian-security-tracker/data/DSA")).records();
        assertThat(verdict(affected(advisory(r, "CVE-2023-1393"), "debian:11", "xorg-server"), version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            5.3.28-r0  | not_affected
            not!valid  | not_affected
            """)
    void alpineNeverAffected(String version, String expected) {
        var r = new AlpineSecdbImporter().read(advisories("alpine-secdb/v3.8/main.yaml")).records();
        assertThat(verdict(affected(advisory(r, "CVE-2016-0682"), "alpine:3.8", "db"), version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2.8.6-r0   | affected, fix 2.9.3-r0
            2.9.3-r0   | not_affected
            ?bad?      | uncertain
            """)
    void alpineFixedAndUnparsable(String version, String expected) {
        var r = new AlpineSecdbImporter().read(advisories("alpine-secdb/v3.11/main.yaml")).records();
        assertThat(verdict(affected(advisory(r, "CVE-2019-14904"), "alpine:3.11", "ansible"), version)).isEqualTo(expected);
    }
}
