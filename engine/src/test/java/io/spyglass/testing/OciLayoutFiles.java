package io.spyglass.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Test helper: copies selected regular files of an OCI layout image's layers (gzip or plain tar,
 * applied in order, later layers overwriting) into a folder, so cataloger tests can read the real
 * package databases of the corpus images without the image walker. Whiteouts are not applied;
 * select only files that no later layer deletes.
 */
public final class OciLayoutFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciLayoutFiles() {}

    /** Extracts the files of image {@code tag} whose clean relative path matches into {@code target}. */
    public static Path extract(Path ociDir, String tag, Predicate<String> wanted, Path target) throws IOException {
        JsonNode manifest = JSON.readTree(blob(ociDir, manifestDigest(ociDir, tag)).toFile());
        for (JsonNode layer : manifest.get("layers")) {
            Path blob = blob(ociDir, layer.get("digest").asText());
            boolean gzip = layer.get("mediaType").asText().endsWith("gzip");
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob));
                 InputStream plain = gzip ? new GzipCompressorInputStream(raw) : raw;
                 TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
                copyMatching(tar, wanted, target);
            }
        }
        return target;
    }

    private static void copyMatching(TarArchiveInputStream tar, Predicate<String> wanted, Path target) throws IOException {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
            String path = e.getName().replaceFirst("^(\\./|/)+", "");
            if (!e.isFile() || path.contains("..") || !wanted.test(path)) continue;
            Path out = target.resolve(path);
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String manifestDigest(Path ociDir, String tag) throws IOException {
        for (JsonNode m : JSON.readTree(ociDir.resolve("index.json").toFile()).get("manifests")) {
            if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                return m.get("digest").asText();
            }
        }
        throw new IllegalArgumentException("no tag " + tag + " in " + ociDir);
    }

    private static Path blob(Path ociDir, String digest) {
        String[] parts = digest.split(":", 2);
        return ociDir.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }
}
