package io.spyglass.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Comparing package lists: two real tools' SBOMs of one image, and how names and versions are normalised. */
class SbomComparisonTest {

    @Test
    void anSbomComparedWithItselfDiffersInNothing() throws IOException {
        Sbom syft = ForeignSbomSamplesTest.read("syft/circleci-mongo.spdx.json");
        SbomDifference d = SbomComparison.compare(syft.packages(), syft.packages());
        assertThat(d.same()).isTrue();
        assertThat(d.inBoth()).isEqualTo(syft.packages().stream().map(SbomComparison::key).distinct().count());
    }

    /**
     * syft and trivy scanned the same circleci/mongo image. Both list its Ubuntu packages; trivy's
     * SPDX leaves the Go modules of the mongo tools out. So exactly syft's Go modules are only in
     * syft's list, and nothing is only in trivy's.
     */
    @Test
    void syftAndTrivyOnOneImageDifferInTheGoModulesTrivyLeftOut() throws IOException {
        Sbom syft = ForeignSbomSamplesTest.read("syft/circleci-mongo.spdx.json");
        Sbom trivy = ForeignSbomSamplesTest.read("trivy/circleci-mongo.spdx.json");
        SbomDifference d = SbomComparison.compare(syft.packages(), trivy.packages());
        Set<String> syftGo = syft.packages().stream().filter(p -> p.type() == PackageType.GOLANG).map(SbomComparison::key)
                .collect(Collectors.toSet());
        assertThat(syftGo).isNotEmpty();
        assertThat(d.onlyInFirst()).extracting(SbomComparison::key).containsExactlyInAnyOrderElementsOf(syftGo);
        assertThat(d.onlyInSecond()).isEmpty();
        assertThat(d.inBoth()).isEqualTo(trivy.packages().stream().map(SbomComparison::key).distinct().count()).isPositive();
    }

    @Test
    void namesAndVersionsAreComparedAsEachEcosystemDoes() {
        SbomDifference d = SbomComparison.compare(
                List.of(pkg(PackageType.PYPI, "Flask_Login", "0.6.3", null), pkg(PackageType.GOLANG, "golang.org/x/net", "v0.23.0", null),
                        pkg(PackageType.DEB, "libc6", "0:2.36-9", null),
                        pkg(PackageType.MAVEN, "jackson-databind", "2.9.1", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.1"),
                        pkg(PackageType.NPM, "lodash", "4.17.20", null)),
                List.of(pkg(PackageType.PYPI, "flask-login", "0.6.3", null), pkg(PackageType.GOLANG, "golang.org/x/net", "0.23.0", null),
                        pkg(PackageType.DEB, "libc6", "2.36-9", null),
                        pkg(PackageType.MAVEN, "com.fasterxml.jackson.core:jackson-databind", "2.9.1",
                                "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.1?type=jar"),
                        pkg(PackageType.NPM, "lodash", "4.17.21", null), pkg(PackageType.NPM, "lodash", "4.17.21", null)));
        assertThat(d.inBoth()).isEqualTo(4);
        // npm names are case-sensitive and a version differs: both sides list their lodash, the duplicate once
        assertThat(d.onlyInFirst()).extracting(Package::version).containsExactly("4.17.20");
        assertThat(d.onlyInSecond()).extracting(Package::version).containsExactly("4.17.21");
    }

    private static Package pkg(PackageType type, String name, String version, String purl) {
        return new Package(type, name, version, purl, null, null, List.of(), List.of());
    }
}
