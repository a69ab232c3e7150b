package io.spyglass.sbom.spdx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpdxSbomFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final SpdxSbomFormat format = new SpdxSbomFormat(CLOCK);

    /** The official SPDX 2.3 JSON schema, as shipped in org.spdx:tools-java. */
    static JsonSchema officialSchema() throws IOException {
        try (InputStream in = SpdxSbomFormatTest.class.getResourceAsStream("/resources/spdx-schema-v2.3.json")) {
            assertThat(in).as("spdx-schema-v2.3.json from org.spdx:tools-java").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        }
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"debian, bookworm", "rpm, el9-sqlite", "alpine, 3.20.3", "arch, arch"})
    void corpusImagesValidateAgainstTheOfficialSchemaAndReadBack(String image, String tag, @TempDir Path tmp) throws IOException {
        Sbom sbom = CorpusSboms.of(image, tag);
        byte[] bytes = write(sbom);
        JsonNode doc = JSON.readTree(bytes);
        assertThat(officialSchema().validate(doc)).isEmpty();
        assertThat(doc.get("packages")).hasSize(sbom.packages().size() + 2); // + image + operating system
        // what the schema cannot check: ids are unique and every relationship names an element of the document
        Set<String> ids = new java.util.HashSet<>(List.of("SPDXRef-DOCUMENT"));
        doc.get("packages").forEach(p -> assertThat(ids.add(p.get("SPDXID").asText())).as("unique SPDXID").isTrue());
        doc.get("relationships").forEach(r -> assertThat(ids).contains(r.get("spdxElementId").asText(), r.get("relatedSpdxElement").asText()));

        Path file = tmp.resolve("sbom.spdx.json");
        Files.write(file, bytes);
        Sbom back = SbomFileReader.read(file);
        assertThat(back.unknowns()).isEmpty();
        assertThat(back.distro()).isEqualTo(sbom.distro());
        assertThat(back.image().digest()).isEqualTo(sbom.image().digest());
        assertThat(CorpusSboms.describe(back.packages(), false)).containsExactlyElementsOf(CorpusSboms.describe(sbom.packages(), false));
    }

    @Test
    void theSchemaCatchesAMissingRequiredField() throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(write(CorpusSboms.of("rpm", "el9-sqlite")));
        ((ObjectNode) doc.get("packages").get(1)).remove("downloadLocation");
        Set<ValidationMessage> errors = officialSchema().validate(doc);
        assertThat(errors).isNotEmpty().anySatisfy(m -> assertThat(m.getMessage()).contains("downloadLocation"));
    }

    @Test
    void outputIsDeterministic() throws IOException {
        Sbom sbom = CorpusSboms.of("alpine", "3.20.3");
        assertThat(write(sbom)).isEqualTo(write(sbom));
        JsonNode doc = JSON.readTree(write(sbom));
        assertThat(doc.get("creationInfo").get("created").asText()).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(doc.get("documentNamespace").asText()).startsWith("https://spyglass.invalid/spdx/");
    }

    @Test
    void licencesThatAreNoSpdxExpressionBecomeLicenseRefsAndReadBack(@TempDir Path tmp) throws IOException {
        List<Package> packages = List.of(
                pkg("musl-utils", List.of("MIT BSD GPL2+")),
                pkg("emacs", List.of("GPL3")),
                pkg("libgcc_s1", List.of("GPL-3.0-or-later WITH GCC-exception-3.1")),
                pkg("gmp", List.of("LGPL-3.0-or-later", "GPL-2.0-or-later")));
        Sbom sbom = new Sbom(new SbomImage("test", null, null, List.of(), List.of()), Distro.NONE, packages, List.of());
        byte[] bytes = write(sbom);
        JsonNode doc = JSON.readTree(bytes);
        assertThat(officialSchema().validate(doc)).isEmpty();
        assertThat(declared(doc, "libgcc_s1")).isEqualTo("GPL-3.0-or-later WITH GCC-exception-3.1");
        assertThat(declared(doc, "gmp")).isEqualTo("LGPL-3.0-or-later AND GPL-2.0-or-later");
        assertThat(declared(doc, "musl-utils")).startsWith("LicenseRef-MIT-BSD-GPL2-");
        assertThat(doc.get("hasExtractedLicensingInfos")).extracting(n -> n.get("extractedText").asText())
                .containsExactlyInAnyOrder("MIT BSD GPL2+", "GPL3");
        Path file = tmp.resolve("licences.spdx.json");
        Files.write(file, bytes);
        assertThat(SbomFileReader.read(file).packages()).extracting(Package::licenses)
                .containsExactlyInAnyOrderElementsOf(packages.stream().map(Package::licenses).toList());
    }

    private static String declared(JsonNode doc, String name) {
        for (JsonNode p : doc.get("packages")) if (p.get("name").asText().equals(name)) return p.get("licenseDeclared").asText();
        throw new AssertionError("no package " + name);
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
