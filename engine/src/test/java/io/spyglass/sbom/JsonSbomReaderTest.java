package io.spyglass.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Spyglass's own json read back: what the server stores comes out as SPDX or CycloneDX unchanged. */
class JsonSbomReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"debian, bookworm", "alpine, 3.20.3", "rpm, el9-sqlite"})
    void corpusSbomsReadBackWithEveryPackageField(String image, String tag) throws IOException {
        Sbom sbom = CorpusSboms.of(image, tag);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonSbomFormat().write(sbom, out);
        Sbom back = JsonSbomReader.read(JSON.readTree(out.toByteArray()), "registry.example/acme/app:1");
        assertThat(back.image().reference()).isEqualTo("registry.example/acme/app:1");
        assertThat(back.image().digest()).isEqualTo(sbom.image().digest());
        assertThat(back.image().platform()).isEqualTo(sbom.image().platform());
        assertThat(back.distro()).isEqualTo(sbom.distro());
        assertThat(back.unknowns()).isEqualTo(sbom.unknowns());
        // diffIds are not in the json; everything else is
        assertThat(CorpusSboms.describe(back.packages(), false)).containsExactlyElementsOf(CorpusSboms.describe(sbom.packages(), false));
        assertThat(back.packages()).extracting(p -> p.licenses()).containsExactlyElementsOf(sbom.packages().stream().map(p -> p.licenses()).toList());
    }

    @Test
    void somethingElseIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> JsonSbomReader.read(JSON.readTree("{\"spdxVersion\":\"SPDX-2.3\"}"), "stored SBOM of x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stored SBOM of x").hasMessageContaining("not a Spyglass SBOM");
        assertThatThrownBy(() -> JsonSbomReader.read(JSON.readTree("{\"image\":{},\"packages\":[{\"type\":\"snap\",\"name\":\"x\"}]}"), "s"))
                .hasMessageContaining("unknown package type 'snap'");
    }
}
