package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.OciLayoutCatalog;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** All OS catalogers together over whole corpus images (final filesystem, whiteouts applied). */
class OsCatalogersImageTest {

    @Test
    void debianImageHasExactlyItsDpkgPackages() throws IOException {
        Path dir = SharedData.requireCorpus("debian");
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        OciLayoutCatalog.Result result = OciLayoutCatalog.catalog(dir.resolve("oci"), OsCatalogers.all());
        List<String> want = new ArrayList<>();
        expected.get("dpkg").forEach(p -> want.add("deb " + p.get("name").asText() + " " + p.get("version").asText()));
        assertThat(result.unknowns()).isEmpty();
        assertThat(result.all()).extracting(p -> p.type().id() + " " + p.name() + " " + p.version())
                .containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void archImageHasExactlyItsPacmanPackages() throws IOException {
        Path dir = SharedData.requireCorpus("arch");
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        OciLayoutCatalog.Result result = OciLayoutCatalog.catalog(dir.resolve("oci"), OsCatalogers.all());
        List<String> want = new ArrayList<>();
        expected.get("arch").get("packages").forEach(p -> want.add("alpm " + p.get("name").asText() + " " + p.get("version").asText()));
        assertThat(result.unknowns()).isEmpty();
        assertThat(result.all()).extracting(p -> p.type().id() + " " + p.name() + " " + p.version())
                .containsExactlyInAnyOrderElementsOf(want);
    }
}
