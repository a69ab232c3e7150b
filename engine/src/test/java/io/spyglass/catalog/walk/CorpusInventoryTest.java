package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every registered cataloger through the real walk over the corpus images, compared with each
 * image's {@code expected.json}. An ecosystem is checked once its cataloger is registered in
 * {@link Catalogers} (its package, e.g. {@code io.spyglass.catalog.deb}, is in the list).
 */
class CorpusInventoryTest {
    private static Sbom debian;

    private static boolean registered(String ecosystemPackage) {
        return Catalogers.all().stream().map(Cataloger::getClass).map(Class::getPackageName)
                .anyMatch(p -> p.equals("io.spyglass.catalog." + ecosystemPackage));
    }

    private static Sbom sbom(String layout, String tag) throws IOException {
        try (var source = OciLayoutSource.open(SharedData.requireCorpus(layout), tag)) {
            return new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
    }

    private static synchronized Sbom debian() throws IOException {
        if (debian == null) debian = sbom("debian/oci", "bookworm");
        return debian;
    }

    private static JsonNode expected(String image) throws IOException {
        return new ObjectMapper().readTree(SharedData.requireCorpus(image).resolve("expected.json").toFile());
    }

    private static List<Package> ofType(Sbom sbom, PackageType type) {
        return sbom.packages().stream().filter(p -> p.type() == type).toList();
    }

    private static List<String> nameVersions(Sbom sbom, PackageType type) {
        return ofType(sbom, type).stream().map(p -> p.name() + " " + p.version()).toList();
    }

    @Test
    void dpkgPackagesWithTheirLayerOfOrigin() throws IOException {
        assumeTrue(registered("deb"), "deb cataloger not registered yet");
        List<String> want = new ArrayList<>();
        expected("debian").path("dpkg").forEach(p -> want.add(p.path("name").asText() + " " + p.path("version").asText()));
        Sbom sbom = debian();
        assertThat(nameVersions(sbom, PackageType.DEB)).containsExactlyInAnyOrderElementsOf(want);
        String layer1 = sbom.image().layers().get(0).digest().toString();
        String layer2 = sbom.image().layers().get(1).digest().toString();
        // var/lib/dpkg/status is rewritten in layer 2; bash was already there in layer 1
        assertThat(location(sbom, "bash")).isEqualTo(layer1);
        assertThat(location(sbom, "python3-requests")).isEqualTo(layer2);
        assertThat(ofType(sbom, PackageType.DEB)).allSatisfy(p -> assertThat(p.purl()).contains("distro=debian-12"));
    }

    private static String location(Sbom sbom, String name) {
        return sbom.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()
                .locations().get(0).layer();
    }

    @Test
    void languagePackagesOfTheDebianImage() throws IOException {
        JsonNode expected = expected("debian");
        Sbom sbom = debian();
        if (registered("python")) assertThat(ofType(sbom, PackageType.PYPI)).hasSize(expected.path("python").size());
        if (registered("npm")) {
            List<String> want = new ArrayList<>();
            for (JsonNode n : expected.path("npm")) {
                String path = n.path("path").asText();
                want.add(path.substring(path.lastIndexOf("node_modules/") + "node_modules/".length()) + " " + n.path("version").asText());
            }
            assertThat(nameVersions(sbom, PackageType.NPM)).containsAll(want);
        }
        if (registered("java")) {
            List<String> purls = ofType(sbom, PackageType.MAVEN).stream().map(Package::purl).toList();
            for (JsonNode j : expected.path("java")) {
                String purl = "pkg:maven/" + j.path("groupId").asText() + "/" + j.path("artifactId").asText() + "@" + j.path("version").asText();
                assertThat(purls).as("found in %s", j.path("file").asText()).anyMatch(p -> p.startsWith(purl));
            }
            // commons-collections 3.2.1 is in layer 2 only: layer 3 deletes it
            assertThat(purls).noneMatch(p -> p.contains("commons-collections"));
        }
        if (registered("golang")) {
            List<String> purls = ofType(sbom, PackageType.GOLANG).stream().map(Package::purl).toList();
            for (JsonNode g : expected.path("go")) {
                for (JsonNode d : g.path("deps")) {
                    assertThat(purls).anyMatch(p -> p.startsWith("pkg:golang/" + d.path("module").asText() + "@" + d.path("version").asText()));
                }
            }
        }
    }

    @Test
    void apkPackagesOfBothAlpineImages() throws IOException {
        assumeTrue(registered("apk"), "apk cataloger not registered yet");
        JsonNode expected = expected("alpine");
        for (String tag : List.of("3.12.12", "3.20.3")) {
            List<String> want = new ArrayList<>();
            expected.path(tag).path("packages").forEach(p -> want.add(p.path("name").asText() + " " + p.path("version").asText()));
            Sbom sbom = sbom("alpine/oci", tag);
            assertThat(nameVersions(sbom, PackageType.APK)).containsExactlyInAnyOrderElementsOf(want);
            assertThat(ofType(sbom, PackageType.APK)).allSatisfy(p -> assertThat(p.purl()).contains("distro=alpine-" + tag));
        }
    }

    @Test
    void rpmPackagesOfEachRpmImage() throws IOException {
        assumeTrue(registered("rpm"), "rpm cataloger not registered yet");
        JsonNode expected = expected("rpm");
        for (var it = expected.fieldNames(); it.hasNext(); ) {
            String tag = it.next();
            if (expected.path(tag).has("note") && expected.path(tag).path("packages").isEmpty()) {
                continue; // no ground truth (sle15 NDB: Debian's rpm cannot read it, see the note)
            }
            List<String> want = new ArrayList<>();
            expected.path(tag).path("packages").forEach(p -> want.add(p.path("name").asText()));
            Sbom sbom = sbom("rpm/oci", tag);
            assertThat(ofType(sbom, PackageType.RPM)).as(tag).extracting(Package::name).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    @Test
    void alpmPackagesOfTheArchImage() throws IOException {
        assumeTrue(registered("alpm"), "alpm cataloger not registered yet");
        List<String> want = new ArrayList<>();
        expected("arch").path("arch").path("packages").forEach(p -> want.add(p.path("name").asText() + " " + p.path("version").asText()));
        assertThat(nameVersions(sbom("arch/oci", "arch"), PackageType.ALPM)).containsExactlyInAnyOrderElementsOf(want);
    }

}
