package io.spyglass.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison rules of the accuracy harness, on real entries of a build-mix-image.sh ground truth (see the README beside the fixture). */
class GroundTruthTest {

    private static GroundTruth truth() throws URISyntaxException {
        Path file = Path.of(GroundTruthTest.class.getResource("mix-1-excerpt.expected.json").toURI());
        return GroundTruth.read(file).get("mix-1");
    }

    private static Package pkg(PackageType type, String namespace, String name, String version, String path) {
        String bare = namespace == null ? name : name.substring(name.indexOf('/') + 1);
        return new Package(type, name, version, Purls.of(type.id(), namespace, bare, version), null, null, List.of(),
                List.of(Location.of(path)));
    }

    /** Exactly what the truth expects, as Spyglass's catalogers name it (Maven name = artifactId, group in the purl). */
    private static List<Package> everythingRight() {
        List<Package> out = new ArrayList<>();
        out.add(pkg(PackageType.DEB, null, "bash", "5.2.15-2+b13", "var/lib/dpkg/status"));
        out.add(pkg(PackageType.DEB, null, "bsdutils", "1:2.38.1-5+deb12u3", "var/lib/dpkg/status"));
        out.add(pkg(PackageType.PYPI, null, "fparser", "0.0.16", "usr/lib/python3/dist-packages/fparser-0.0.16.egg-info"));
        out.add(pkg(PackageType.PYPI, null, "six", "1.16.0", "usr/lib/python3/dist-packages/six-1.16.0.egg-info"));
        out.add(pkg(PackageType.NPM, "@fastify", "@fastify/deepmerge", "3.2.4", "usr/src/billing/node_modules/@fastify/deepmerge/package.json"));
        out.add(pkg(PackageType.MAVEN, "commons-codec", "commons-codec", "1.15", "usr/share/java/commons-codec.jar"));
        // the same package at another path: one reported package
        out.add(pkg(PackageType.MAVEN, "commons-codec", "commons-codec", "1.15", "srv/orbit/WEB-INF/lib/commons-codec-1.15.jar"));
        // no pom.properties: whatever group Spyglass guesses, the artifact and version are what count
        out.add(pkg(PackageType.MAVEN, "h2", "h2", "2.1.214", "srv/orbit/WEB-INF/lib/h2-2.1.214.jar"));
        out.add(pkg(PackageType.GEM, null, "rake", "13.0.6", "usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec"));
        return out;
    }

    private static Accuracy compare(List<Package> packages) throws URISyntaxException {
        return truth().compare(new Sbom(new SbomImage("mix-1", null, null, List.of(), List.of()), Distro.NONE, packages, List.of()));
    }

    @Test
    void setsOfNameAndVersionDuplicatesCountOnceAndAltAcceptsAnyGroup() throws Exception {
        Accuracy a = compare(everythingRight());
        assertThat(a.rows().get("maven")).satisfies(r -> {
            // commons-codec at three jar paths is one expected package; h2 is found through its alt entry
            assertThat(r.expected()).isEqualTo(2);
            assertThat(r.found()).isEqualTo(2);
            assertThat(r.matched()).isEqualTo(2);
            assertThat(r.correct()).isEqualTo(2);
        });
        assertThat(a.rows().get("gem").expected()).as("rake at two gemspec paths").isEqualTo(1);
        assertThat(a.below(0.995)).isEmpty();
        assertThat(a.rows().values()).allSatisfy(r -> assertThat(r.missing()).isEmpty());
    }

    @Test
    void neutralEntriesMayBeReportedAbsentOnesMustNot() throws Exception {
        List<Package> packages = new ArrayList<>(everythingRight());
        packages.add(pkg(PackageType.MAVEN, "commons-logging", "commons-logging", "1.2", "usr/share/java/commons-logging-1.2.jar"));
        packages.add(new Package(PackageType.GOLANG, "stdlib", "go1.19.8", null, null, null, List.of(), List.of(Location.of("usr/lib/dms/bin/termsig"))));
        packages.add(pkg(PackageType.NPM, null, "billing", "1.0.0", "usr/src/billing/package.json"));
        packages.add(pkg(PackageType.NPM, null, "debug", "4.4.3", "var/www/tundra/node_modules/debug/package.json"));
        Accuracy a = compare(packages);
        assertThat(a.rows().get("maven").precision()).isEqualTo(1.0);
        assertThat(a.rows().get("golang")).satisfies(r -> {
            assertThat(r.expected()).isZero();
            assertThat(r.correct()).isEqualTo(1);
        });
        assertThat(a.rows().get("npm")).satisfies(r -> {
            assertThat(r.found()).isEqualTo(3);
            assertThat(r.correct()).isEqualTo(2);
            assertThat(r.extra()).singleElement().asString().contains("npm debug 4.4.3", "absent");
        });
        assertThat(a.below(0.995)).containsExactly("npm");
    }

    @Test
    void missingWrongVersionAndUncountedTypesAreReportedWithPaths() throws Exception {
        List<Package> packages = new ArrayList<>(everythingRight());
        packages.removeIf(p -> p.name().equals("bsdutils") || p.name().equals("six"));
        packages.add(pkg(PackageType.PYPI, null, "six", "1.15.0", "usr/lib/python3/dist-packages/six-1.15.0.dist-info/METADATA"));
        packages.add(pkg(PackageType.COMPOSER, "symfony", "symfony/console", "6.4.0", "var/www/vendor/composer/installed.json"));
        Accuracy a = compare(packages);
        assertThat(a.rows().get("deb").recall()).isEqualTo(0.5);
        assertThat(a.rows().get("deb").missing()).singleElement().asString()
                .contains("deb bsdutils 1:2.38.1-5+deb12u3", "/var/lib/dpkg/status");
        assertThat(a.rows().get("pypi").extra()).singleElement().asString()
                .contains("pypi six 1.15.0", "six-1.15.0.dist-info", "[expected: six 1.16.0]");
        assertThat(a.uncounted()).containsEntry("composer", 1);
        assertThat(a.rows()).doesNotContainKey("composer");
        assertThat(a.report()).contains("missing deb", "extra pypi", "not counted", "composer=1");
    }

    @Test
    void namesAndVersionsAreNormalisedAsTheCorpusReadmeSays() {
        assertThat(new TruthKey("pypi", "PyYAML", "6.0")).isEqualTo(new TruthKey("pypi", "pyyaml", "6.0"));
        assertThat(new TruthKey("pypi", "charset_normalizer", "3.0.1")).isEqualTo(new TruthKey("pypi", "charset-normalizer", "3.0.1"));
        assertThat(new TruthKey("golang", "golang.org/x/net", "v0.7.0")).isEqualTo(new TruthKey("golang", "golang.org/x/net", "0.7.0"));
        assertThat(new TruthKey("deb", "zlib1g", "0:1.2.13")).isEqualTo(new TruthKey("deb", "zlib1g", "1.2.13"));
        assertThat(new TruthKey("deb", "bsdutils", "1:2.38.1-5")).isNotEqualTo(new TruthKey("deb", "bsdutils", "2.38.1-5"));
        assertThat(new TruthKey("maven", "*:h2", "*").matches(new TruthKey("maven", "com.h2database:h2", "2.1.214"))).isTrue();
        assertThat(new TruthKey("maven", "*:h2", "*").matches(new TruthKey("maven", "com.h2database:h2-mvstore", "2.1.214"))).isFalse();
    }
}
