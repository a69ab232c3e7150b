package io.spyglass.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.sbom.cyclonedx.CycloneDxSbomFormat;
import io.spyglass.sbom.spdx.SpdxSbomFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package whose identity was partly inferred (a jar without pom.properties) keeps its
 * uncertainty in every format: Spyglass json, CycloneDX (a property; no purl when the group is
 * unknown) and SPDX (the package comment), and reads back with it where the format can carry it.
 */
class UncertainIdentityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As the java cataloger reports kotlin-stdlib-1.8.10.jar (Gradle-built: no group in the jar). */
    private static final Package NO_GROUP = new Package(PackageType.MAVEN, "kotlin-stdlib", "1.8.10", null, null, null,
            List.of(), List.of(new Location("opt/app/lib/kotlin-stdlib-1.8.10.jar", "sha256:" + "a".repeat(64), null)),
            "groupId unknown: no Maven metadata in the jar; artifactId from the file name");
    /** As it reports Debian's spring3-core-3.x.jar were its group known: version from the manifest. */
    private static final Package INFERRED_VERSION = new Package(PackageType.MAVEN, "log4j-1.2-api", "2.17.2",
            "pkg:maven/org.apache.logging.log4j/log4j-1.2-api@2.17.2", null, null, List.of(),
            List.of(Location.of("usr/share/java/log4j-1.2-api.jar")), "version from MANIFEST.MF only (the file name has none)");
    private static final Package CERTAIN = new Package(PackageType.MAVEN, "joda-time", "2.9.2",
            "pkg:maven/joda-time/joda-time@2.9.2", null, null, List.of(), List.of(Location.of("opt/app/lib/joda-time-2.9.2.jar")));
    private static final Sbom SBOM = new Sbom(new SbomImage("test", null, null, List.of(), List.of()), Distro.NONE,
            List.of(NO_GROUP, INFERRED_VERSION, CERTAIN), List.of());

    @Test
    void spyglassJsonCarriesItOnlyWhereThereIsSomeAndReadsItBack() throws IOException {
        JsonNode doc = JSON.readTree(write(new JsonSbomFormat()));
        assertThat(doc.get("packages")).filteredOn(p -> p.has("uncertainty")).extracting(p -> p.get("name").asText())
                .containsExactlyInAnyOrder("kotlin-stdlib", "log4j-1.2-api");
        assertThat(JsonSbomReader.read(doc, "test").packages()).containsExactlyInAnyOrderElementsOf(SBOM.packages());
    }

    @Test
    void cycloneDxKeepsItAsAPropertyAndAComponentWithoutPurlReadsBack(@TempDir Path tmp) throws IOException {
        byte[] bytes = write(new CycloneDxSbomFormat());
        assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
        JsonNode kotlin = component(JSON.readTree(bytes), "kotlin-stdlib");
        assertThat(kotlin.has("purl")).isFalse();
        assertThat(kotlin.has("group")).isFalse();
        assertThat(kotlin.get("properties").toString()).contains("spyglass:uncertainty", "groupId unknown");
        Path file = tmp.resolve("sbom.cdx.json");
        Files.write(file, bytes);
        Sbom back = SbomFileReader.read(file);
        assertThat(back.unknowns()).isEmpty();
        assertThat(back.packages()).extracting(Package::name, Package::version, Package::purl, Package::uncertainty)
                .containsExactlyInAnyOrderElementsOf(SBOM.packages().stream()
                        .map(p -> org.assertj.core.groups.Tuple.tuple(p.name(), p.version(), p.purl(), p.uncertainty())).toList());
    }

    @Test
    void spdxSaysItInThePackageComment(@TempDir Path tmp) throws IOException {
        byte[] bytes = write(new SpdxSbomFormat());
        JsonNode doc = JSON.readTree(bytes);
        try (InputStream schema = getClass().getResourceAsStream("/resources/spdx-schema-v2.3.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema).validate(doc)).isEmpty();
        }
        JsonNode kotlin = null;
        for (JsonNode p : doc.get("packages")) if (p.get("name").asText().equals("kotlin-stdlib")) kotlin = p;
        assertThat(kotlin).isNotNull();
        assertThat(kotlin.get("comment").asText()).isEqualTo("identity uncertain: " + NO_GROUP.uncertainty());
        assertThat(kotlin.has("externalRefs")).isFalse();
        Path file = tmp.resolve("sbom.spdx.json");
        Files.write(file, bytes);
        // SPDX has no package type: without a purl the jar cannot come back as maven, and is not guessed
        Sbom back = SbomFileReader.read(file);
        assertThat(back.packages()).extracting(Package::name, Package::uncertainty).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("log4j-1.2-api", INFERRED_VERSION.uncertainty()),
                org.assertj.core.groups.Tuple.tuple("joda-time", null));
        assertThat(back.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("kotlin-stdlib"));
    }

    private static JsonNode component(JsonNode bom, String name) {
        for (JsonNode c : bom.get("components")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no component " + name);
    }

    private static byte[] write(SbomFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(SBOM, out);
        return out.toByteArray();
    }
}
