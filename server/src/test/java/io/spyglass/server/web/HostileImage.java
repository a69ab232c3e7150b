package io.spyglass.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A real OCI image layout, written here with real tar layers, whose every user-controlled value a
 * page shows carries markup that would run script if it were not escaped: a dpkg database, npm
 * {@code package.json}s (one vulnerable lodash, so GHSA findings appear), a jar with
 * {@code pom.properties}, layer commands, labels and the base-image annotation.
 */
final class HostileImage {
    static final String SCRIPT = "<script>window.__xss=1</script>";
    static final String IMG = "\"><img src=x onerror=\"window.__xss=1\">";
    static final String SVG = "</title><svg onload=\"window.__xss=1\">";
    static final String JS_LINK = "javascript:window.__xss=1";
    /** The same without spaces, for fields that cannot hold one (a dpkg package name, a version). */
    static final String IMG_TIGHT = "\"><img/src=x/onerror=window.__xss=1>";
    static final String SVG_TIGHT = "</title><svg/onload=window.__xss=1>";

    /** Where the vulnerable lodash is installed: a folder whose name is markup. */
    static final String LODASH_DIR = "srv/" + IMG + "/node_modules/lodash";
    static final String NPM_NAME = "evil" + IMG;
    static final String DEB_NAME = "xss" + SCRIPT;
    static final String JAR_PATH = "opt/app/lib/x" + IMG + ".jar";
    static final String BASE_IMAGE = "docker.io/library/debian:" + SVG;
    static final String TAG = "xss";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileImage() {}

    /** Writes the layout into {@code dir} with the one image under the ref name {@link #TAG}. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Map<String, byte[]> base = new LinkedHashMap<>();
        base.put("etc/os-release", text("ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"
                + "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"));
        base.put("var/lib/dpkg/status", text("Package: " + DEB_NAME + "\nStatus: install ok installed\nPriority: optional\n"
                + "Section: misc\nMaintainer: " + IMG + "\nArchitecture: amd64\nVersion: 1.0" + IMG_TIGHT + "\n"
                + "Description: " + SVG + "\n " + SCRIPT + "\n\n"));
        Map<String, byte[]> app = new LinkedHashMap<>();
        app.put(LODASH_DIR + "/package.json", json(Map.of("name", "lodash", "version", "4.17.15", "license", SCRIPT)));
        app.put("srv/app/node_modules/evil/package.json", json(Map.of("name", NPM_NAME, "version", "1.0.0" + IMG_TIGHT,
                "license", SVG + " " + JS_LINK)));
        app.put("srv/app/node_modules/noversion/package.json", json(Map.of("name", SCRIPT)));
        app.put(JAR_PATH, jar());
        Blob[] layers = {layer(dir, base), layer(dir, app)};

        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux")
                .put("created", "2026-01-02T03:04:05Z");
        ObjectNode labels = config.putObject("config").putObject("Labels");
        labels.put("org.opencontainers.image.description", SCRIPT).put("evil", IMG);
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (Blob layer : layers) diffIds.add(layer.diffId);
        ArrayNode history = config.putArray("history");
        history.addObject().put("created_by", "/bin/sh -c #(nop) ADD file:" + SCRIPT + " in / ");
        history.addObject().put("created_by", "/bin/sh -c #(nop)  LABEL evil=" + IMG).put("empty_layer", true);
        history.addObject().put("created_by", "RUN echo " + SVG + " " + JS_LINK);
        Blob configBlob = blob(dir, JSON.writeValueAsBytes(config));

        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", configBlob));
        ArrayNode layerList = manifest.putArray("layers");
        for (Blob layer : layers) layerList.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer));
        manifest.putObject("annotations").put("org.opencontainers.image.base.name", BASE_IMAGE);
        Blob manifestBlob = blob(dir, JSON.writeValueAsBytes(manifest));

        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        ObjectNode entry = descriptor("application/vnd.oci.image.manifest.v1+json", manifestBlob);
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", TAG);
        index.putArray("manifests").add(entry);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return dir;
    }

    private record Blob(String digest, long size, String diffId) {}

    private static ObjectNode descriptor(String mediaType, Blob blob) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", blob.digest).put("size", blob.size);
    }

    /** A gzipped tar of {@code files} (folders made as needed), stored as a blob. */
    private static Blob layer(Path dir, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            java.util.Set<String> folders = new java.util.TreeSet<>();
            for (String path : files.keySet()) {
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    folders.add(path.substring(0, slash + 1));
                }
            }
            for (String folder : folders) {
                out.putArchiveEntry(new TarArchiveEntry(folder));
                out.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(1_700_000_000_000L);
                out.putArchiveEntry(entry);
                out.write(file.getValue());
                out.closeArchiveEntry();
            }
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        Blob stored = blob(dir, gz.toByteArray());
        return new Blob(stored.digest, stored.size, "sha256:" + sha256(tar.toByteArray()));
    }

    private static Blob blob(Path dir, byte[] bytes) throws IOException {
        String hex = sha256(bytes);
        Files.write(dir.resolve("blobs/sha256").resolve(hex), bytes);
        return new Blob("sha256:" + hex, bytes.length, null);
    }

    /** A jar whose Maven coordinates are markup. */
    private static byte[] jar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(text("Manifest-Version: 1.0\r\nImplementation-Title: " + SCRIPT + "\r\n\r\n"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/maven/evil/evil/pom.properties"));
            zip.write(text("groupId=org.evil" + SCRIPT + "\nartifactId=evil" + IMG_TIGHT + "\nversion=1.0" + SVG_TIGHT + "\n"));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] json(Map<String, String> fields) throws IOException {
        return JSON.writeValueAsBytes(new java.util.TreeMap<>(fields));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
