package io.spyglass.advisory.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.advisory.AdvisoryJson;
import io.spyglass.advisory.SourceStatus;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which artifact layer each source was last applied from (a small json file beside the data):
 * source → layer digest and the import time the store then gave it. A layer is skipped only when
 * its digest is the one remembered AND the store still shows that import time, so data imported by
 * other means since (db import, another node) is never mistaken for the pulled one.
 */
public final class PulledLayers {
    /** One applied layer. */
    public record Applied(String digest, Instant importedAt) {}

    private final Path file;
    private final Map<String, Applied> applied;

    private PulledLayers(Path file, Map<String, Applied> applied) {
        this.file = file;
        this.applied = applied;
    }

    /** The remembered layers in {@code file} (none when it does not exist or cannot be read: everything is applied again). */
    public static PulledLayers load(Path file) {
        Map<String, Applied> map = new TreeMap<>();
        if (file != null && Files.isRegularFile(file)) {
            try {
                JsonNode root = AdvisoryJson.mapper().readTree(file.toFile());
                root.path("sources").fields().forEachRemaining(e -> map.put(e.getKey(),
                        new Applied(e.getValue().path("digest").asText(), Instant.parse(e.getValue().path("importedAt").asText()))));
            } catch (IOException | RuntimeException e) {
                map.clear(); // forgetting only costs a download; the data itself is compared by content
            }
        }
        return new PulledLayers(file, map);
    }

    /** Whether {@code source}'s data is still what layer {@code digest} gave it. */
    boolean unchanged(String source, String digest, SourceStatus now) {
        Applied a = applied.get(source);
        return a != null && now != null && a.digest().equals(digest) && a.importedAt().equals(now.lastImport());
    }

    void remember(String source, String digest, Instant importedAt) {
        applied.put(source, new Applied(digest, importedAt));
    }

    /** Writes the file (atomically); no-op without a file. */
    void save() throws IOException {
        if (file == null) return;
        ObjectNode root = AdvisoryJson.mapper().createObjectNode().put("format", 1);
        ObjectNode sources = root.putObject("sources");
        applied.forEach((s, a) -> sources.putObject(s).put("digest", a.digest()).put("importedAt", a.importedAt().toString()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp");
        try {
            Files.writeString(tmp, root.toPrettyString());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
