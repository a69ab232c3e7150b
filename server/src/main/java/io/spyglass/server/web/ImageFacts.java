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
 * What the pages show about an image that comes from the image itself, not from analysis: the
 * platforms of an index, and an image's layers with the command that made each. Reads only the
 * small manifest and config blobs, and remembers answers by digest (content never changes).
 */
final class ImageFacts {
    private static final Logger log = LoggerFactory.getLogger(ImageFacts.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_JSON = 4 * 1024 * 1024;
    private static final String BASE_NAME = "org.opencontainers.image.base.name";

    private final BlobStore blobs;
    private final Map<String, List<PlatformManifest>> platformCache = lru();
    private final Map<String, ImageDetails> detailCache = lru();

    ImageFacts(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** One image of a tag: for a single image, the image itself; for an index, each platform's. */
    record PlatformManifest(String platform, String digest) {}

    /** Layers (with the history command that made each) and the base image where the manifest names it. */
    record ImageDetails(List<LayerRow> layers, String baseImage, String created) {
        static final ImageDetails UNKNOWN = new ImageDetails(List.of(), "", "");
    }

    /** "linux/amd64", …; empty when unknown (an artifact, or a blob that can't be read). */
    List<String> platforms(String manifestDigest) {
        return manifests(manifestDigest).stream().map(PlatformManifest::platform).filter(p -> !p.isEmpty()).toList();
    }

    /** The images behind a tag's digest, one per platform. */
    List<PlatformManifest> manifests(String manifestDigest) {
        return cached(platformCache, manifestDigest, this::readManifests, List.of());
    }

    ImageDetails details(String imageManifestDigest) {
        return cached(detailCache, imageManifestDigest, this::readDetails, ImageDetails.UNKNOWN);
    }

    private List<PlatformManifest> readManifests(String digest) throws IOException {
        JsonNode manifest = json(digest);
        List<PlatformManifest> out = new ArrayList<>();
        if (manifest.has("manifests")) {
            for (JsonNode m : manifest.get("manifests")) {
                JsonNode p = m.path("platform");
                // attestation manifests in buildx indexes say unknown/unknown: not an image to show
                if (p.has("os") && !"unknown".equals(p.path("os").asText())) {
                    out.add(new PlatformManifest(platform(p), m.path("digest").asText()));
                }
            }
        } else if (manifest.path("config").has("digest")) {
            JsonNode config = json(manifest.path("config").path("digest").asText());
            out.add(new PlatformManifest(config.has("os") ? platform(config) : "", digest));
        }
        return List.copyOf(out);
    }

    private ImageDetails readDetails(String digest) throws IOException {
        JsonNode manifest = json(digest);
        JsonNode config = json(manifest.path("config").path("digest").asText());
        List<JsonNode> layers = new ArrayList<>();
        manifest.path("layers").forEach(layers::add);
        List<LayerRow> rows = new ArrayList<>();
        int next = 0;
        for (JsonNode h : config.path("history")) {
            String createdBy = h.path("created_by").asText("");
            if (h.path("empty_layer").asBoolean(false) || next >= layers.size()) {
                rows.add(new LayerRow(rows.size() + 1, "", "", createdBy, true));
            } else {
                JsonNode layer = layers.get(next++);
                rows.add(new LayerRow(rows.size() + 1, layer.path("digest").asText(),
                        Formats.size(layer.path("size").asLong(-1)), createdBy, false));
            }
        }
        while (next < layers.size()) {
            JsonNode layer = layers.get(next++);
            rows.add(new LayerRow(rows.size() + 1, layer.path("digest").asText(), Formats.size(layer.path("size").asLong(-1)),
                    "", false));
        }
        return new ImageDetails(rows, manifest.path("annotations").path(BASE_NAME).asText(""),
                created(config.path("created").asText("")));
    }

    private <T> T cached(Map<String, T> cache, String digest, Reader<T> reader, T unknown) {
        T known = cache.get(digest);
        if (known != null) {
            return known;
        }
        try {
            T found = reader.read(digest);
            cache.put(digest, found);
            return found;
        } catch (IOException | RuntimeException e) {
            // a page still shows what it can; the registry only accepts complete manifests, so this is rare
            log.warn("cannot read image facts of {}: {}", digest, e.toString());
            return unknown;
        }
    }

    private interface Reader<T> {
        T read(String digest) throws IOException;
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

    /** The config's RFC 3339 time as the pages write times; as written when it is not one. */
    private static String created(String text) {
        try {
            return text.isEmpty() ? "" : Formats.dateTime(java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (java.time.format.DateTimeParseException e) {
            return text;
        }
    }

    private static String platform(JsonNode p) {
        String variant = p.path("variant").asText("");
        return p.path("os").asText() + "/" + p.path("architecture").asText() + (variant.isEmpty() ? "" : "/" + variant);
    }

    private static <T> Map<String, T> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > 2000;
            }
        });
    }
}
