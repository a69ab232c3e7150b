package io.spyglass.vex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Documents shaped as the OpenVEX 0.2.0 spec's examples, and as vexctl's older v0.0.x output. */
class OpenVexReaderTest {
    static final String IMAGE = "sha256:" + "ab".repeat(32);

    static String doc(String statements) {
        return """
                {"@context": "https://openvex.dev/ns/v0.2.0",
                 "@id": "https://openvex.dev/docs/example/vex-9fb3463de1b57",
                 "author": "Wolfi J Inkinson", "role": "Document Creator",
                 "timestamp": "2023-01-08T18:02:03.647787998-06:00", "version": 1,
                 "statements": [%s]}""".formatted(statements);
    }

    static VexDocument read(String json) {
        return OpenVexReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAStatementWithImageProductSubcomponentsAndJustification() {
        VexDocument d = read(doc("""
                {"vulnerability": {"name": "CVE-2020-28500", "aliases": ["GHSA-29mw-wpgm-hmr9"]},
                 "timestamp": "2023-02-01T10:00:00Z",
                 "products": [{"@id": "pkg:oci/app@%s?repository_url=registry.example/app",
                               "subcomponents": [{"@id": "pkg:npm/lodash@4.17.15"}]}],
                 "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}""".formatted(IMAGE.replace(":", "%3A"))));
        assertThat(d.author()).isEqualTo("Wolfi J Inkinson");
        assertThat(d.statements()).singleElement().satisfies(s -> {
            assertThat(s.vulnerability()).isEqualTo("CVE-2020-28500");
            assertThat(s.aliases()).containsExactly("GHSA-29mw-wpgm-hmr9");
            assertThat(s.status()).isEqualTo(VexStatus.NOT_AFFECTED);
            assertThat(s.justification()).isEqualTo("vulnerable_code_not_in_execute_path");
            assertThat(s.timestamp()).isEqualTo(Instant.parse("2023-02-01T10:00:00Z"));
            assertThat(s.products()).singleElement().satisfies(p -> assertThat(p.subcomponents()).containsExactly("pkg:npm/lodash@4.17.15"));
        });
    }

    @Test
    void readsTheOlderStringShapesAndTakesTheDocumentTimeWhenAStatementHasNone() {
        VexDocument d = read(doc("""
                {"vulnerability": "CVE-2023-1234", "products": ["pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64"],
                 "status": "fixed"}"""));
        VexStatement s = d.statements().get(0);
        assertThat(s.products()).singleElement().extracting(VexProduct::id).isEqualTo("pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64");
        assertThat(s.timestamp()).isEqualTo(d.timestamp());
    }

    @Test
    void refusesWhatWouldChangeFindingsOnAGuessNamingTheReason() {
        assertThatThrownBy(() -> read("{\"statements\": ")).isInstanceOf(VexException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> read("{\"@context\": \"https://cyclonedx.org\", \"@id\": \"x\"}")).hasMessageContaining("@context");
        assertThatThrownBy(() -> read(doc(""))).hasMessageContaining("no statements");
        assertThatThrownBy(() -> read(doc("{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"fixed\"}")))
                .hasMessageContaining("statement 1 (CVE-1) names no product");
        assertThatThrownBy(() -> read(doc("{\"vulnerability\": {\"name\": \"CVE-1\"}, \"products\": [{\"@id\": \"pkg:npm/a@1\"}], \"status\": \"wontfix\"}")))
                .hasMessageContaining("unknown status 'wontfix'");
        assertThatThrownBy(() -> read(doc("{\"vulnerability\": {\"name\": \"CVE-1\"}, \"products\": [{\"@id\": \"pkg:npm/a@1\"}], \"status\": \"not_affected\"}")))
                .hasMessageContaining("not_affected needs a justification");
        assertThatThrownBy(() -> read(doc("{\"vulnerability\": {\"name\": \"CVE-1\"}, \"products\": [{\"@id\": \"pkg:npm/a@1\"}], \"status\": \"not_affected\", \"justification\": \"trust_me\"}")))
                .hasMessageContaining("unknown justification 'trust_me'");
        assertThatThrownBy(() -> read(doc("{\"products\": [{\"@id\": \"pkg:npm/a@1\"}], \"status\": \"fixed\"}")))
                .hasMessageContaining("names no vulnerability");
    }
}
