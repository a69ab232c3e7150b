package io.spyglass.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.sbom.spdx.SpdxSbomFormat;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomFileReaderTest {
    @TempDir
    Path tmp;

    @Test
    void filesThatAreNoSbomGiveAnErrorNamingTheFile() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not json at all {");
        assertThatThrownBy(() -> SbomFileReader.read(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("not valid JSON");
        Path other = Files.writeString(tmp.resolve("other.json"), "{\"name\": \"x\"}");
        assertThatThrownBy(() -> SbomFileReader.read(other)).hasMessageContaining("neither SPDX JSON");
        Path spdx3 = Files.writeString(tmp.resolve("v3.json"), "{\"spdxVersion\": \"SPDX-3.0\"}");
        assertThatThrownBy(() -> SbomFileReader.read(spdx3)).hasMessageContaining("SPDX version 'SPDX-3.0' is not supported");
        assertThatThrownBy(() -> SbomFileReader.read(tmp.resolve("missing.json"))).hasMessageContaining("SBOM file not found");
    }

    @Test
    void spdxPackageWithoutPurlIsReportedAndTheOthersAreRead() throws Exception {
        Sbom sbom = CorpusSboms.of("rpm", "el9-sqlite");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SpdxSbomFormat().write(sbom, out);
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(out.toByteArray());
        ObjectNode first = (ObjectNode) doc.get("packages").get(2); // after the image and the operating system
        first.remove("externalRefs");
        Path file = tmp.resolve("edited.spdx.json");
        json.writeValue(file.toFile(), doc);
        Sbom back = SbomFileReader.read(file);
        assertThat(back.packages()).hasSize(sbom.packages().size() - 1);
        assertThat(back.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("sbom://" + file);
            assertThat(u.message()).contains(first.get("name").asText(), "has no purl");
        });
    }

    @Test
    void spdxImageAndOperatingSystemWithPurlsAsOtherToolsWriteThemAreNotPackages() throws Exception {
        Sbom sbom = CorpusSboms.of("rpm", "el9-sqlite");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SpdxSbomFormat().write(sbom, out);
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(out.toByteArray());
        addPurl((ObjectNode) doc.get("packages").get(0), "pkg:oci/el9-sqlite@" + sbom.image().digest().toString().replace(":", "%3A"));
        addPurl((ObjectNode) doc.get("packages").get(1), "pkg:generic/rocky@9.2");
        Path file = tmp.resolve("purls.spdx.json");
        json.writeValue(file.toFile(), doc);
        Sbom back = SbomFileReader.read(file);
        assertThat(back.unknowns()).isEmpty();
        assertThat(back.distro()).isEqualTo(sbom.distro());
        assertThat(back.image().digest()).isEqualTo(sbom.image().digest());
        assertThat(back.packages()).hasSameSizeAs(sbom.packages());
    }

    private static void addPurl(ObjectNode pkg, String purl) {
        pkg.putArray("externalRefs").addObject().put("referenceCategory", "PACKAGE-MANAGER")
                .put("referenceType", "purl").put("referenceLocator", purl);
    }
}
