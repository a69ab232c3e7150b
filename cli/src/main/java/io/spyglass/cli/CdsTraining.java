package io.spyglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The training run behind the CLI's AppCDS archive ({@code cli/target/spyglass.jsa}, made at
 * {@code package} time with {@code -XX:ArchiveClassesAtExit}). Most of a small image's
 * {@code spyglass sbom} is JVM start-up: about 2,900 classes load before and while the first layer
 * is read, and the JDK's own archive holds only about 1,100 of them. This run loads the rest the way
 * real commands do: a small synthetic image (a gzip layer with a Debian status file, an npm package,
 * a Python distribution and a jar) through {@code sbom} in every format, {@code db import} of one
 * OSV record, {@code cves} and {@code quickview}. Nothing here is measured or kept but the archive.
 */
public final class CdsTraining {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/cds-training"));
        Path layout = writeImage(dir.resolve("image"));
        Path db = dir.resolve("db");
        Path advisory = dir.resolve("advisory.json");
        Files.writeString(advisory, """
                {"id":"GHSA-cds0-0000-0000","aliases":["CVE-2000-0001"],"modified":"2024-01-01T00:00:00Z",
                 "summary":"training record","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                 "affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.3.0"}]}]}]}
                """);
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        try {
            String image = "oci-dir://" + layout + ":training";
            for (String format : new String[] {"json", "cyclonedx", "spdx", "list"}) {
                Main.run("sbom", image, "--format", format, "--output", dir.resolve("sbom-" + format).toString());
            }
            Main.run("db", "import", "--db", db.toString(), "--source", "osv", advisory.toString());
            for (String format : new String[] {"table", "json", "sarif", "markdown"}) {
                Main.run("cves", image, "--db", db.toString(), "--format", format);
            }
            Main.run("cves", "sbom://" + dir.resolve("sbom-cyclonedx"), "--db", db.toString());
            Main.run("quickview", image, "--db", db.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** An OCI layout with one image, tag {@code training}: one gzip layer of typical package metadata. */
    static Path writeImage(Path layout) throws IOException, NoSuchAlgorithmException {
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n".getBytes(StandardCharsets.UTF_8));
        files.put("var/lib/dpkg/status", """
                Package: libc6
                Status: install ok installed
                Architecture: amd64
                Source: glibc
                Version: 2.36-9+deb12u7

                Package: zlib1g
                Status: install ok installed
                Architecture: amd64
                Source: zlib
                Version: 1:1.2.13.dfsg-1

                """.getBytes(StandardCharsets.UTF_8));
        files.put("usr/lib/node_modules/left-pad/package.json",
                "{\"name\":\"left-pad\",\"version\":\"1.1.0\",\"license\":\"WTFPL\"}".getBytes(StandardCharsets.UTF_8));
        files.put("usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n".getBytes(StandardCharsets.UTF_8));
        files.put("app/lib/commons-text-1.9.jar", jar());
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                out.putArchiveEntry(e);
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        String layer = store(blobs, gz.toByteArray());
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config").put("User", "1000");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        rootfs.putArray("diff_ids").add("sha256:" + sha256(tar.toByteArray()));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", store(blobs, configBytes), configBytes.length);
        descriptor(manifest.putArray("layers").addObject(), "application/vnd.oci.image.layer.v1.tar+gzip", layer, gz.size());
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        ArrayNode manifests = index.putArray("manifests");
        descriptor(manifests.addObject(), "application/vnd.oci.image.manifest.v1+json", store(blobs, manifestBytes), manifestBytes.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", "training");
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return layout;
    }

    private static byte[] jar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry("META-INF/maven/org.apache.commons/commons-text/pom.properties"));
            jar.write("groupId=org.apache.commons\nartifactId=commons-text\nversion=1.9\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static ObjectNode descriptor(ObjectNode node, String mediaType, String hex, long size) {
        return node.put("mediaType", mediaType).put("digest", "sha256:" + hex).put("size", size);
    }

    private static String store(Path blobs, byte[] bytes) throws IOException, NoSuchAlgorithmException {
        String hex = sha256(bytes);
        Files.write(blobs.resolve(hex), bytes);
        return hex;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
