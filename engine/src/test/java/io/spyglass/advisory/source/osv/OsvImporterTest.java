package io.spyglass.advisory.source.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.source.AdvisoryImportException;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvImporterTest {

    @Test
    void wholeGoVulndbImports() {
        Path dir = SharedData.require("data/advisories/golang-vulndb/data/osv");
        ImportResult r = new OsvImporter("go").read(dir);
        // README: 4,291 advisories, 6,125 affected-package entries; 20 of those repeat a module with the
        // same ranges (they differ only in ecosystem_specific imports) and are kept once: 6,105
        assertThat(r.records()).hasSize(4291);
        assertThat(r.records().stream().mapToInt(x -> ((Advisory) x).affected().size()).sum()).isEqualTo(6105);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void osvDevZipImportsEveryEntry() {
        Path zip = SharedData.require("data/advisories/distro-samples/alpine/MaineK00n/vuls-data-update/pkg/fetch/alpine/osv/testdata/fixtures/all.zip");
        ImportResult r = new OsvImporter("osv").read(zip);
        assertThat(r.records()).extracting(x -> x.id()).containsExactlyInAnyOrder("ALPINE-CVE-2023-46850", "CVE-2024-10524");
    }

    @Test
    void ubuntuOsvInTarXzCorrelatesByTheCveInItsId() {
        Path tar = SharedData.require("data/advisories/distro-samples/ubuntu/MaineK00n/vuls-data-update/pkg/fetch/ubuntu/osv/testdata/fixtures/happy/osv-all.tar.xz");
        ImportResult r = new OsvImporter("ubuntu").read(tar);
        Advisory cve = (Advisory) r.records().stream().filter(x -> x.id().equals("UBUNTU-CVE-2024-51988")).findFirst().orElseThrow();
        assertThat(cve.aliases()).containsExactly("CVE-2024-51988");
        assertThat(cve.affected()).extracting(a -> a.namespace()).contains("ubuntu:22.04", "ubuntu:24.04");
        // a USN fixes a hundred CVEs: it must not tie them into one vulnerability
        Advisory usn = (Advisory) r.records().stream().filter(x -> x.id().equals("USN-7095-1")).findFirst().orElseThrow();
        assertThat(usn.aliases()).isEmpty();
    }

    @Test
    void truncatedZipRefusesTheWholeImport(@TempDir Path tmp) throws IOException {
        Path zip = SharedData.require("data/advisories/distro-samples/alpine/MaineK00n/vuls-data-update/pkg/fetch/alpine/osv/testdata/fixtures/all.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = tmp.resolve("all.zip");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> new OsvImporter("osv").read(cut))
                .isInstanceOf(AdvisoryImportException.class)
                .hasMessageContaining("all.zip is truncated or corrupt");
    }

    @Test
    void folderWithOnlyBrokenFilesIsRefused(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("a.json"), "{ not json");
        assertThatThrownBy(() -> new OsvImporter("osv").read(tmp))
                .isInstanceOf(AdvisoryImportException.class)
                .hasMessageContaining("nothing importable").hasMessageContaining("a.json");
    }
}
