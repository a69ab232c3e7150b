package io.spyglass.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.catalog.Unknown;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken versions of real documents (the syft Alpine 3.16 CycloneDX and the trivy cockroach SPDX
 * from {@code ../shared/data/sbom-samples}): a clear error for a document that cannot be read at
 * all, a warning naming the component for one that cannot be read, the rest kept.
 */
class ForeignSbomBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;

    private ObjectNode sample(String name) throws Exception {
        return (ObjectNode) JSON.readTree(SharedData.require("data/sbom-samples/" + name).toFile());
    }

    private Path write(Object doc) throws Exception {
        Path f = tmp.resolve("doc.json");
        Files.writeString(f, doc instanceof String s ? s : JSON.writeValueAsString(doc));
        return f;
    }

    @Test
    void cutShortDocumentIsAnErrorNamingTheFile() throws Exception {
        String whole = Files.readString(SharedData.require("data/sbom-samples/syft/alpine-3.16.cdx.json"));
        Path f = write(whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> SbomFileReader.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not valid JSON");
    }

    @Test
    void unknownSpecVersionsAreRefusedByName() throws Exception {
        ObjectNode cdx = sample("syft/alpine-3.16.cdx.json").put("specVersion", "2.0");
        Path f = write(cdx);
        assertThatThrownBy(() -> SbomFileReader.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CycloneDX specVersion '2.0' is not supported");
        ObjectNode spdx = sample("trivy/cockroach-ubi8-arm64.spdx.json").put("spdxVersion", "SPDX-3.0");
        Path g = write(spdx);
        assertThatThrownBy(() -> SbomFileReader.read(g)).hasMessageContaining("SPDX version 'SPDX-3.0' is not supported");
        Path h = write("{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}");
        assertThatThrownBy(() -> SbomFileReader.read(h)).hasMessageContaining("SPDX 3 (JSON-LD) is not supported");
        Path i = write("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": {\"name\": \"x\"}}");
        assertThatThrownBy(() -> SbomFileReader.read(i)).hasMessageContaining("'components' is not a list");
    }

    @Test
    void componentsWithoutVersionOrWithABadPurlAreWarningsNamingThem() throws Exception {
        ObjectNode cdx = sample("syft/alpine-3.16.cdx.json");
        ArrayNode components = (ArrayNode) cdx.get("components");
        int before = SbomFileReader.read(write(cdx)).packages().size();
        ObjectNode busybox = find(components, "busybox");
        busybox.remove("version");
        busybox.put("purl", "pkg:alpine/busybox?arch=x86_64&distro=alpine-3.16.2");
        find(components, "musl").put("purl", "pkg:/not a purl");
        components.add(JSON.createObjectNode().put("type", "library").put("name", "mystery"));
        components.add("not an object");
        Sbom sbom = SbomFileReader.read(write(cdx));
        assertThat(sbom.packages()).hasSize(before - 2);
        assertThat(sbom.unknowns()).extracting(Unknown::message).anySatisfy(m -> assertThat(m).contains("'busybox'").contains("has no version"))
                .anySatisfy(m -> assertThat(m).contains("'musl@").contains("malformed purl"))
                .anySatisfy(m -> assertThat(m).contains("'mystery'").contains("has no purl"))
                .anySatisfy(m -> assertThat(m).contains("not an object"))
                .hasSize(4);
        assertThat(sbom.distro().id()).isEqualTo("alpine");
    }

    @Test
    void spdxPackageWithoutVersionIsAWarningNamingIt() throws Exception {
        ObjectNode spdx = sample("trivy/cockroach-ubi8-arm64.spdx.json");
        for (var p : spdx.get("packages")) {
            if (p.path("name").asText().equals("bash")) {
                ((ObjectNode) p).remove("versionInfo");
                ObjectNode ref = (ObjectNode) p.get("externalRefs").get(0);
                ref.put("referenceLocator", "pkg:rpm/redhat/bash?arch=aarch64&distro=redhat-8.7");
            }
        }
        Sbom sbom = SbomFileReader.read(write(spdx));
        assertThat(sbom.packages()).hasSize(106);
        assertThat(sbom.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("(bash)").contains("has no version"));
    }

    private static ObjectNode find(ArrayNode components, String name) {
        for (var c : components) if (c.path("name").asText().equals(name)) return (ObjectNode) c;
        throw new AssertionError(name);
    }
}
