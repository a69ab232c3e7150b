package io.spyglass.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VEX reading SelfScanIT relies on: which findings a statement remarks, and what it refuses. */
class OpenVexTest {
    @TempDir
    Path dir;

    @Test
    void aNotAffectedStatementRemarksItsVulnerabilityForItsPackageOnly() throws Exception {
        OpenVex vex = OpenVex.read(write("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "a", "timestamp": "2026-12-04T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2099-0001", "aliases": ["GHSA-aaaa-bbbb-cccc"]},
                                 "products": [{"@id": "pkg:maven/org.example/lib"}],
                                 "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
                                {"vulnerability": {"name": "CVE-2099-0002"}, "status": "under_investigation"}]}
                """));
        assertThat(vex.remarks(Set.of("GHSA-aaaa-bbbb-cccc"), "pkg:maven/org.example/lib@1.2.3")).isTrue();
        assertThat(vex.remarks(Set.of("CVE-2099-0001"), "pkg:maven/org.example/other@1.2.3")).isFalse();
        assertThat(vex.remarks(Set.of("CVE-2099-0002"), "pkg:maven/org.example/lib@1.2.3")).as("under_investigation remarks nothing").isFalse();
    }

    @Test
    void notAffectedWithoutAJustificationIsRefused() throws Exception {
        Path f = write("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2099-0001"}, "status": "not_affected"}]}
                """);
        assertThatThrownBy(() -> OpenVex.read(f)).hasMessageContaining("needs a justification");
    }

    @Test
    void theCheckedInDocumentIsValid() throws Exception {
        assertThat(OpenVex.read(SharedData.projectRoot().resolve("docs/vex/spyglass.openvex.json")).statements()).isNotNull();
    }

    Path write(String json) throws Exception {
        return Files.writeString(dir.resolve("doc.json"), json);
    }
}
