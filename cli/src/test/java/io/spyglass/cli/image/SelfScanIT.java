package io.spyglass.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.cli.Main;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spyglass scans itself: its container image and its runnable jar, with the advisory data in
 * ../shared/data. Any critical or high finding fails, unless docs/vex/spyglass.openvex.json remarks it
 * (not_affected with a justification, or fixed): upgrade the dependency, or record why it does not apply.
 */
class SelfScanIT {
    static final Path VEX = SharedData.projectRoot().resolve("docs/vex/spyglass.openvex.json");

    @TempDir
    static Path dir;
    static Path db;

    @BeforeAll
    static void importAdvisories() {
        BuiltImage.dir();
        Path advisories = SharedData.require("data/advisories");
        db = dir.resolve("db");
        Path debian = advisories.resolve("debian-security-tracker/data");
        assertThat(Main.run("db", "import", "--db", db.toString(), "--source", "ghsa", advisories.resolve("ghsa").toString())).isZero();
        assertThat(Main.run("db", "import", "--db", db.toString(), "--source", "debian",
                debian.resolve("DSA/list").toString(), debian.resolve("DLA/list").toString())).isZero();
        assertThat(Main.run("db", "import", "--db", db.toString(), "--source", "nvd", advisories.resolve("nvd").toString())).isZero();
    }

    @Test
    void theImageHasNoUnremarkedCriticalOrHighVulnerability() throws Exception {
        Path image = BuiltImage.ociTar();
        JsonNode sbom = run("sbom", "archive://" + image, "--format", "json");
        // the scan sees what is in the image: the Debian packages of the base and the Maven jars
        List<String> types = sbom.path("packages").findValuesAsText("type");
        assertThat(types).contains("deb", "maven");
        assertThat(sbom.path("distro").path("id").asText()).isEqualTo("debian");
        assertThat(unremarked("archive://" + image)).isEmpty();
    }

    @Test
    void theJarHasNoUnremarkedCriticalOrHighVulnerability() throws Exception {
        Path jar = SharedData.projectRoot().resolve("cli/target/spyglass.jar");
        assertThat(jar).isRegularFile();
        Path archive = jarImage(jar, dir.resolve("jar-image.tar"));
        JsonNode sbom = run("sbom", "archive://" + archive, "--format", "json");
        assertThat(sbom.path("packages").findValuesAsText("name")).contains("jackson-databind", "javalin");
        assertThat(unremarked("archive://" + archive)).isEmpty();
    }

    /** Critical and high findings that the VEX document does not remark, one line each. */
    static List<String> unremarked(String image) throws Exception {
        OpenVex vex = OpenVex.read(VEX);
        JsonNode report = run("cves", image, "--db", db.toString(), "--only-severity", "critical,high", "--format", "json");
        List<String> out = new ArrayList<>();
        for (JsonNode v : report.path("vulnerabilities")) {
            Set<String> ids = new HashSet<>();
            v.path("aliases").forEach(a -> ids.add(a.asText()));
            ids.add(v.path("id").asText());
            String purl = v.path("package").path("purl").asText();
            if (!vex.remarks(ids, purl)) {
                out.add(v.path("id").asText() + " " + v.path("severity").asText() + " in " + purl + " (fixed in " + v.path("fixedVersion").asText()
                        + "): upgrade it, or add a not_affected statement with a justification to " + VEX);
            }
        }
        return out;
    }

    static JsonNode run(String... args) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--output", out.toString()));
        int code = Main.run(all.toArray(String[]::new));
        assertThat(code).as(String.join(" ", args)).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    /** A one-layer docker-save archive holding the jar at /app/spyglass.jar, so `cves` reads it as it reads an image. */
    static Path jarImage(Path jar, Path out) throws Exception {
        Path layer = dir.resolve("layer.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(layer))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e = new TarArchiveEntry("app/spyglass.jar");
            e.setSize(Files.size(jar));
            tar.putArchiveEntry(e);
            Files.copy(jar, tar);
            tar.closeArchiveEntry();
        }
        String diffId = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(layer)));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"spyglass-jar:local\"],\"Layers\":[\"layer.tar\"]}]".getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            add(tar, "manifest.json", manifest);
            add(tar, "config.json", config);
            TarArchiveEntry e = new TarArchiveEntry("layer.tar");
            e.setSize(Files.size(layer));
            tar.putArchiveEntry(e);
            Files.copy(layer, tar);
            tar.closeArchiveEntry();
        }
        return out;
    }

    static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        ((OutputStream) tar).write(content);
        tar.closeArchiveEntry();
    }
}
