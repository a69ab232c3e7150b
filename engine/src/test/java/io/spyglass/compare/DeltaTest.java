package io.spyglass.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code spyglass compare} and the compare page both say about two images. */
class DeltaTest {
    private static Package pkg(PackageType type, String name, String version) {
        return new Package(type, name, version, null, null, null, List.of(), List.of());
    }

    private static Sbom sbom(Package... packages) {
        return new Sbom(new SbomImage("test", null, null, List.of(), List.of()), Distro.NONE, List.of(packages), List.of());
    }

    private static Finding finding(String id, Package p) {
        return new Finding(id, List.of(), p, "npm", "name", List.of("ghsa"), List.of(id), "<1", null, null, null, List.of(), false, null);
    }

    @Test
    void packagesAreAddedRemovedOrChangedByTypeAndName() {
        Sbom a = sbom(pkg(PackageType.NPM, "lodash", "4.17.15"), pkg(PackageType.NPM, "minimist", "1.2.0"),
                pkg(PackageType.NPM, "ms", "2.0.0"), pkg(PackageType.NPM, "ms", "2.1.2"), pkg(PackageType.DEB, "zlib1g", "1.2"));
        Sbom b = sbom(pkg(PackageType.NPM, "lodash", "4.17.21"), pkg(PackageType.NPM, "ms", "2.1.2"), pkg(PackageType.NPM, "ms", "2.0.0"),
                pkg(PackageType.DEB, "zlib1g", "1.2"), pkg(PackageType.DEB, "libssl3", "3.0"));
        PackageDelta d = PackageDelta.of(a, b);
        assertThat(d.added()).containsExactly(new PackageDelta.Change("deb", "libssl3", List.of(), List.of("3.0")));
        assertThat(d.removed()).containsExactly(new PackageDelta.Change("npm", "minimist", List.of("1.2.0"), List.of()));
        // the same versions in another order are no change
        assertThat(d.changed()).containsExactly(new PackageDelta.Change("npm", "lodash", List.of("4.17.15"), List.of("4.17.21")));
    }

    @Test
    void anUpgradeThatKeepsAVulnerabilityNeitherFixesNorAddsIt() {
        Package old = pkg(PackageType.NPM, "lodash", "4.17.15");
        Package newer = pkg(PackageType.NPM, "lodash", "4.17.20");
        FindingDelta d = FindingDelta.of(List.of(finding("CVE-2020-28500", old), finding("CVE-2020-8203", old)),
                List.of(finding("CVE-2020-28500", newer), finding("CVE-2021-23337", newer)));
        assertThat(d.fixed()).extracting(Finding::vulnerabilityId).containsExactly("CVE-2020-8203");
        assertThat(d.added()).extracting(Finding::vulnerabilityId).containsExactly("CVE-2021-23337");
    }
}
