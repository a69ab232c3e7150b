package io.spyglass.sbom.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.sbom.CorpusSboms;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFileReader;
import io.spyglass.sbom.SbomImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycloneDxSbomFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CycloneDxSbomFormat format = new CycloneDxSbomFormat();

    /** Validation against the official CycloneDX 1.6 JSON schema that cyclonedx-core-java ships. */
    private static List<ParseException> schemaErrors(byte[] json) throws IOException {
        return new JsonParser().validate(json, Version.VERSION_16);
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"debian, bookworm", "rpm, el9-sqlite", "alpine, 3.20.3", "arch, arch"})
    void corpusImagesValidateAgainstTheOfficialSchemaAndReadBackUnchanged(String image, String tag, @TempDir Path tmp) throws IOException {
        Sbom sbom = CorpusSboms.of(image, tag);
        byte[] bytes = write(sbom);
        assertThat(schemaErrors(bytes)).isEmpty();
        JsonNode bom = JSON.readTree(bytes);
        assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.get("metadata").get("component").get("type").asText()).isEqualTo("container");

        Path file = tmp.resolve("sbom.cdx.json");
        Files.write(file, bytes);
        Sbom back = SbomFileReader.read(file);
        assertThat(back.unknowns()).isEmpty();
        assertThat(back.distro()).isEqualTo(sbom.distro());
        assertThat(back.image().digest()).isEqualTo(sbom.image().digest());
        assertThat(CorpusSboms.describe(back.packages(), true)).containsExactlyElementsOf(CorpusSboms.describe(sbom.packages(), true));
    }

    @Test
    void theSchemaCatchesABadComponentType() throws IOException {
        ObjectNode bom = (ObjectNode) JSON.readTree(write(CorpusSboms.of("rpm", "el9-sqlite")));
        ((ObjectNode) bom.get("components").get(1)).put("type", "gadget");
        assertThat(schemaErrors(JSON.writeValueAsBytes(bom))).isNotEmpty();
    }

    @Test
    void outputIsDeterministic() throws IOException {
        Sbom sbom = CorpusSboms.of("alpine", "3.20.3");
        assertThat(new String(write(sbom), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(write(sbom), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(JSON.readTree(write(sbom)).get("serialNumber").asText()).startsWith("urn:uuid:");
    }

    @Test
    void licencesAreIdsNamesOrOneExpression() throws IOException {
        List<Package> packages = List.of(
                pkg("musl-utils", List.of("MIT BSD GPL2+")),
                pkg("libgcc_s1", List.of("GPL-3.0-or-later WITH GCC-exception-3.1")),
                pkg("gmp", List.of("LGPL-3.0-or-later", "gpl-2.0-or-later")));
        Sbom sbom = new Sbom(new SbomImage("test", null, null, List.of(), List.of()), Distro.NONE, packages, List.of());
        byte[] bytes = write(sbom);
        assertThat(schemaErrors(bytes)).isEmpty();
        JsonNode components = JSON.readTree(bytes).get("components");
        assertThat(licences(components, "musl-utils")).isEqualTo("[{\"license\":{\"name\":\"MIT BSD GPL2+\"}}]");
        assertThat(licences(components, "libgcc_s1")).isEqualTo("[{\"expression\":\"GPL-3.0-or-later WITH GCC-exception-3.1\"}]");
        assertThat(licences(components, "gmp"))
                .isEqualTo("[{\"license\":{\"id\":\"LGPL-3.0-or-later\"}},{\"license\":{\"id\":\"GPL-2.0-or-later\"}}]");
    }

    private static String licences(JsonNode components, String name) {
        for (JsonNode c : components) if (c.get("name").asText().equals(name)) return c.get("licenses").toString();
        throw new AssertionError("no component " + name);
    }

    private static Package pkg(String name, List<String> licenses) {
        return new Package(PackageType.APK, name, "1.0-r0", "pkg:apk/alpine/" + name + "@1.0-r0", name, "1.0-r0",
                licenses, List.of(Location.of("lib/apk/db/installed")));
    }

    private byte[] write(Sbom sbom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(sbom, out);
        return out.toByteArray();
    }
}
