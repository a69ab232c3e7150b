package io.spyglass.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFileReader;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In-toto statements as BuildKit stores them in attestation manifests (fixtures: resources/attestation/README.md). */
class InTotoStatementsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = InTotoStatementsTest.class.getResourceAsStream("/attestation/" + name)) {
            if (in == null) throw new IllegalStateException("fixture " + name + " missing");
            return in.readAllBytes();
        }
    }

    private static Provenance provenance(byte[] statement) {
        Attestation a = InTotoStatements.read(statement);
        assertThat(a).isInstanceOf(Attestation.ProvenanceAttestation.class);
        return ((Attestation.ProvenanceAttestation) a).provenance();
    }

    @Test
    void slsaV02FromBuildkitGivesBuilderSourceArgsAndTheBaseImageButNotTheFrontend() throws IOException {
        Provenance p = provenance(fixture("buildkit-provenance-v0.2.json"));
        assertThat(p.predicateType()).isEqualTo(InTotoStatements.SLSA_V02);
        assertThat(p.builderId()).isEqualTo("https://github.com/acme/app/actions/runs/1234567890/attempts/1");
        assertThat(p.sourceRepository()).isEqualTo("https://github.com/acme/app");
        assertThat(p.sourceCommit()).isEqualTo("4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d");
        // only build-arg:… are build arguments; labels, cmdline and source are frontend attributes
        assertThat(p.buildArgs()).containsExactly(Map.entry("APP_VERSION", "1.0.0"), Map.entry("BUILDKIT_CONTEXT_KEEP_GIT_DIR", "1"));
        assertThat(p.baseImages()).containsExactly("alpine:3.20@sha256:33735bd63cf84d7e388d9f6d297d348c523c044410f553bd878c6d7829612735");
        assertThat(p.baseImageRef()).contains(p.baseImages().get(0));
    }

    @Test
    void slsaV1FromBuildkitNamesEveryStageImageAndClaimsNoSingleBase() throws IOException {
        Provenance p = provenance(fixture("buildkit-provenance-v1.json"));
        assertThat(p.predicateType()).isEqualTo(InTotoStatements.SLSA_V1);
        assertThat(p.builderId()).isEmpty();
        assertThat(p.sourceRepository()).isEqualTo("https://github.com/acme/tool");
        assertThat(p.sourceCommit()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        assertThat(p.buildArgs()).containsOnlyKeys("GO_VERSION", "TARGETOS");
        // the SBOM scanner ran the build's SBOM step: not a base
        assertThat(p.baseImages()).containsExactly(
                "alpine:3.20@sha256:9cee2b382fe2412cd77d5d437d15a93da8de373813621f2e4d406e3df0cf0e7c",
                "golang:1.22-alpine@sha256:a9b24b67dc83b3383d22a14941c2b2b2ca6a103d805cac6820fd1355943beaf1");
        assertThat(p.baseImageRef()).isEmpty();
    }

    @Test
    void withoutVcsInfoTheGitConfigSourceNamesRepositoryAndCommit() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("buildkit-provenance-v1.json"));
        ((ObjectNode) root.path("predicate").path("runDetails").path("metadata")).remove("buildkit_metadata");
        Provenance p = provenance(JSON.writeValueAsBytes(root));
        assertThat(p.sourceRepository()).isEqualTo("https://github.com/acme/tool.git");
        assertThat(p.sourceCommit()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
    }

    @Test
    void anSpdxStatementReadsAsTheSpdxFileItWraps() throws IOException {
        Path spdx = SharedData.require("data/sbom-samples/syft/alpine-3.16.spdx.json");
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://spdx.dev/Document\","
                + "\"subject\":[{\"name\":\"_\",\"digest\":{\"sha256\":\"" + "0".repeat(64) + "\"}}],\"predicate\":"
                + Files.readString(spdx) + "}";
        Attestation a = InTotoStatements.read(statement.getBytes(StandardCharsets.UTF_8));
        assertThat(a).isInstanceOf(Attestation.SbomAttestation.class);
        Sbom fromStatement = ((Attestation.SbomAttestation) a).sbom();
        Sbom fromFile = SbomFileReader.read(spdx);
        assertThat(fromStatement.packages()).isNotEmpty().isEqualTo(fromFile.packages());
    }

    @Test
    void anotherPredicateIsKeptByTypeOnly() {
        Attestation a = InTotoStatements.read(("{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":"
                + "\"https://example.com/test-result/v1\",\"subject\":[],\"predicate\":{\"passed\":true}}").getBytes(StandardCharsets.UTF_8));
        assertThat(a).isEqualTo(new Attestation.OtherAttestation("https://example.com/test-result/v1"));
    }

    @Test
    void whatIsNotAStatementIsRefusedSayingWhy() throws IOException {
        assertThatThrownBy(() -> InTotoStatements.read("{\"_type\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttestationException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> InTotoStatements.read("{\"_type\":\"https://example.com/x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttestationException.class).hasMessageContaining("_type is 'https://example.com/x'");
        assertThatThrownBy(() -> InTotoStatements.read(("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
                        + "\"https://slsa.dev/provenance/v0.2\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttestationException.class).hasMessageContaining("without a predicate");
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("buildkit-provenance-v0.2.json"));
        ((ObjectNode) root.path("predicate")).put("materials", "pkg:docker/alpine@3.20");
        assertThatThrownBy(() -> InTotoStatements.read(JSON.writeValueAsBytes(root)))
                .isInstanceOf(AttestationException.class).hasMessageContaining("materials is not a list");
        assertThatThrownBy(() -> InTotoStatements.read(("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
                        + "\"https://spdx.dev/Document\",\"predicate\":{\"spdxVersion\":\"SPDX-3.0\"}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttestationException.class).hasMessageStartingWith("SPDX predicate:");
    }
}
