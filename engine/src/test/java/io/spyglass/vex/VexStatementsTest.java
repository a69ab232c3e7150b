package io.spyglass.vex;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.match.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class VexStatementsTest {
    private static final String IMAGE = OpenVexReaderTest.IMAGE;
    private static final String OTHER_IMAGE = "sha256:" + "cd".repeat(32);

    private static Finding finding(String id, List<String> aliases, PackageType type, String name, String version, String purl) {
        Package p = new Package(type, name, version, purl, null, null, List.of(), List.of(new Location("/app/node_modules/" + name, "l", "d")));
        return new Finding(id, aliases, p, "ns", "direct", List.of("ghsa"), List.of(id), "<4.17.21", "4.17.21", null, null, List.of(), false, null);
    }

    private static final Finding LODASH = finding("GHSA-29mw-wpgm-hmr9", List.of("CVE-2020-28500"), PackageType.NPM, "lodash", "4.17.15", "pkg:npm/lodash@4.17.15");
    private static final Finding OPENSSL = finding("CVE-2024-0727", List.of(), PackageType.DEB, "openssl", "3.0.11-1~deb12u2",
            "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");

    private static VexStatements of(String... statements) {
        return new VexStatements(List.of(OpenVexReaderTest.read(OpenVexReaderTest.doc(String.join(",", statements)))));
    }

    @Test
    void anImageProductWithTheFindingsPackageAsSubcomponentSuppressesThroughAnAlias() {
        VexStatements vex = of("""
                {"vulnerability": {"name": "CVE-2020-28500"}, "products": [{"@id": "pkg:oci/app@%s", "subcomponents": [{"@id": "pkg:npm/lodash@4.17.15"}]}],
                 "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}""".formatted(IMAGE.replace(":", "%3A")));
        VexVerdict v = vex.verdict(LODASH, IMAGE);
        assertThat(v).isNotNull();
        assertThat(v.suppresses()).isTrue();
        assertThat(v.describe()).isEqualTo("Suppressed by VEX: vulnerable_code_not_in_execute_path");
        assertThat(v.author()).isEqualTo("Wolfi J Inkinson");
        // another image, another package, or no image known: the statement does not reach them
        assertThat(vex.verdict(LODASH, OTHER_IMAGE)).isNull();
        assertThat(vex.verdict(LODASH, null)).isNull();
        assertThat(vex.verdict(OPENSSL, IMAGE)).isNull();
    }

    @Test
    void aPackageProductCoversThatPackageInAnyImageIgnoringQualifiersItDoesNotState() {
        VexStatements vex = of("""
                {"vulnerability": {"name": "CVE-2024-0727"}, "products": [{"@id": "pkg:deb/debian/openssl@3.0.11-1~deb12u2"}], "status": "fixed"}""");
        assertThat(vex.verdict(OPENSSL, OTHER_IMAGE)).isNotNull().extracting(VexVerdict::suppresses).isEqualTo(true);
        VexStatements otherVersion = of("""
                {"vulnerability": {"name": "CVE-2024-0727"}, "products": [{"@id": "pkg:deb/debian/openssl@3.0.9-1"}], "status": "fixed"}""");
        assertThat(otherVersion.verdict(OPENSSL, IMAGE)).isNull();
        VexStatements otherArch = of("""
                {"vulnerability": {"name": "CVE-2024-0727"}, "products": [{"@id": "pkg:deb/debian/openssl?arch=arm64"}], "status": "fixed"}""");
        assertThat(otherArch.verdict(OPENSSL, IMAGE)).isNull();
    }

    @Test
    void theLatestStatementWinsAndAnnotationsDoNotSuppress() {
        VexStatements vex = of("""
                {"vulnerability": {"name": "CVE-2020-28500"}, "products": [{"@id": "pkg:npm/lodash@4.17.15"}], "timestamp": "2024-05-01T00:00:00Z",
                 "status": "affected", "action_statement": "upgrade to 4.17.21"}""", """
                {"vulnerability": {"name": "CVE-2020-28500"}, "products": [{"@id": "pkg:npm/lodash@4.17.15"}], "timestamp": "2024-01-01T00:00:00Z",
                 "status": "not_affected", "justification": "vulnerable_code_not_present"}""");
        VexVerdict v = vex.verdict(LODASH, IMAGE);
        assertThat(v.status()).isEqualTo(VexStatus.AFFECTED);
        assertThat(v.suppresses()).isFalse();
        assertThat(v.describe()).isEqualTo("VEX: affected: upgrade to 4.17.21");
    }
}
