package io.spyglass.advisory.source.alpine;

import static io.spyglass.advisory.source.ImporterFixtures.advisories;
import static io.spyglass.advisory.source.ImporterFixtures.advisory;
import static io.spyglass.advisory.source.ImporterFixtures.affected;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.source.ImportResult;
import org.junit.jupiter.api.Test;

class AlpineSecdbImporterTest {
    @Test
    void yamlSecdbOfEveryReleaseMergesByCve() {
        ImportResult r = new AlpineSecdbImporter().read(advisories("alpine-secdb"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.files()).isEqualTo(18);
        Advisory cve = advisory(r.records(), "CVE-2019-14904");
        assertThat(affected(cve, "alpine:3.11", "ansible").fixedVersions()).containsExactly("2.9.3-r0");
        // "0" in secfixes: the package was never affected (Berkeley DB, v3.8)
        Advisory db = advisory(r.records(), "CVE-2016-0682");
        assertThat(affected(db, "alpine:3.8", "db").status()).isEqualTo(AffectedStatus.NOT_AFFECTED);
        // distinct (release, package, fixed version, CVE) in the files, counted with PyYAML
        long refs = r.records().stream().mapToLong(x -> ((Advisory) x).affected().size()).sum();
        assertThat(refs).isEqualTo(11998L);
    }

    @Test
    void jsonSecdbImports() {
        ImportResult r = new AlpineSecdbImporter().read(advisories(
                "distro-samples/alpine/MaineK00n/vuls-data-update/pkg/fetch/alpine/secdb/testdata/fixtures/v3.16/main.json"));
        assertThat(affected(advisory(r.records(), "CVE-2017-9798"), "alpine:3.16", "apache2").fixedVersions())
                .containsExactly("2.4.27-r1");
    }

    @Test
    void wolfiSecdbIsRolling() {
        ImportResult r = new AlpineSecdbImporter("wolfi", "wolfi").read(advisories(
                "distro-samples/wolfi/anchore/vunnel/tests/unit/providers/wolfi/test-fixtures/input/secdb/security.json"));
        Advisory binutils = advisory(r.records(), "CVE-2022-38533");
        assertThat(binutils.source()).isEqualTo("wolfi");
        assertThat(affected(binutils, "wolfi", "binutils").fixedVersions()).containsExactly("2.39-r2");
        // without a rolling namespace the same file is not an Alpine release's secdb
        var strict = new AlpineSecdbParser("alpine", null).parse("security.json", "{\"packages\": []}".getBytes());
        assertThat(strict.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("no distroversion"));
    }
}
