package io.spyglass.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.image.Digest;
import io.spyglass.server.store.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS/architecture of a tag: from an index's platform entries, or from an image's config. Reads
 * only the small manifest and config blobs, and remembers answers by digest (content never changes).
 */
final class Platforms {
    private static final Logger log = LoggerFactory.getLogger(Platforms.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_JSON = 4 * 1024 * 1024;

    private final BlobStore blobs;
    private final Map<String, List<String>> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > 5000;
        }
    });

    Platforms(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** "linux/amd64", …; empty when unknown (an artifact, or a blob that can't be read). */
    List<String> of(String manifestDigest) {
        List<String> known = cache.get(manifestDigest);
        if (known != null) {
            return known;
        }
        List<String> found = read(manifestDigest);
        cache.put(manifestDigest, found);
        return found;
    }

    private List<String> read(String manifestDigest) {
        try {
            JsonNode manifest = json(manifestDigest);
            List<String> out = new ArrayList<>();
            if (manifest.has("manifests")) {
                for (JsonNode m : manifest.get("manifests")) {
                    JsonNode p = m.path("platform");
                    if (p.has("os") && !"unknown".equals(p.path("os").asText())) {
                        out.add(platform(p));
                    }
                }
            } else if (manifest.path("config").has("digest")) {
                JsonNode config = json(manifest.path("config").path("digest").asText());
                if (config.has("os")) {
                    out.add(platform(config));
                }
            }
            return List.copyOf(out);
        } catch (IOException | RuntimeException e) {
            log.debug("no platform for {}: {}", manifestDigest, e.toString());
            return List.of();
        }
    }

    private JsonNode json(String digest) throws IOException {
        Digest d = Digest.parse(digest);
        if (blobs.size(d) > MAX_JSON) {
            throw new IOException(digest + " is too large for a manifest or config");
        }
        try (InputStream in = blobs.open(d, 0)) {
            return JSON.readTree(in);
        }
    }

    private static String platform(JsonNode p) {
        String variant = p.path("variant").asText("");
        return p.path("os").asText() + "/" + p.path("architecture").asText() + (variant.isEmpty() ? "" : "/" + variant);
    }
}
