package io.spyglass.advisory.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.advisory.AdvisoryJson;
import io.spyglass.advisory.AdvisoryStore;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.SourceReplacement;
import io.spyglass.advisory.SourceStatus;
import io.spyglass.image.Digest;
import io.spyglass.image.source.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The advisory database as an OCI artifact (OCI image-spec 1.1 "artifact" manifest): artifactType
 * {@value #ARTIFACT_TYPE}, the empty config, and one layer per source (a gzipped {@link SourceDump},
 * annotated with its source and data version). A dump has no import time and Java's gzip header no
 * mtime, so a source whose records did not change is the same blob: a push uploads only what
 * changed, and a pull downloads and applies only layers whose digest moved.
 */
public final class AdvisoryArtifact {
    public static final String ARTIFACT_TYPE = "application/vnd.spyglass.advisories.v1";
    static final String LAYER_TYPE = "application/vnd.spyglass.advisories.source.v1.jsonl+gzip";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String EMPTY_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    static final String SOURCE = "io.spyglass.advisories.source";
    static final String DATA_VERSION = "io.spyglass.advisories.data-version";
    static final String RECORDS = "io.spyglass.advisories.records";
    private static final int MAX_MANIFEST = 4 << 20;

    private AdvisoryArtifact() {}

    /** A layer of a pushed artifact: its source, digest, size and whether it had to be uploaded. */
    public record Layer(String source, String dataVersion, int records, Digest digest, long size, boolean uploaded) {}

    public record Pushed(Digest manifest, List<Layer> layers) {}

    /** Publishes every source of {@code store} under the client's tag; blobs the registry has are not sent again. */
    public static Pushed push(AdvisoryStore store, RegistryClient registry) throws IOException {
        Path work = Files.createTempDirectory("spyglass-artifact-");
        try {
            List<Layer> layers = new ArrayList<>();
            Digest empty = Digest.parse("sha256:" + HexFormat.of().formatHex(AdvisoryBundle.sha256().digest(EMPTY)));
            Path emptyFile = Files.write(work.resolve("config.json"), EMPTY);
            if (!registry.hasBlob(empty)) registry.pushBlob(empty, emptyFile);
            ObjectNode manifest = AdvisoryJson.mapper().createObjectNode().put("schemaVersion", 2)
                    .put("mediaType", OCI_MANIFEST).put("artifactType", ARTIFACT_TYPE);
            manifest.putObject("config").put("mediaType", EMPTY_TYPE).put("digest", empty.toString()).put("size", EMPTY.length);
            ArrayNode list = manifest.putArray("layers");
            for (SourceStatus s : store.status()) {
                Path blob = work.resolve(s.source() + ".jsonl.gz");
                MessageDigest md = AdvisoryBundle.sha256();
                try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(blob), md), 1 << 16)) {
                    SourceDump.write(out, s.source(), s.dataVersion(), store.load(s.source()));
                }
                Digest digest = Digest.parse("sha256:" + HexFormat.of().formatHex(md.digest()));
                boolean upload = !registry.hasBlob(digest);
                if (upload) registry.pushBlob(digest, blob);
                long size = Files.size(blob);
                layers.add(new Layer(s.source(), s.dataVersion(), s.count(), digest, size, upload));
                ObjectNode l = list.addObject().put("mediaType", LAYER_TYPE).put("digest", digest.toString()).put("size", size);
                ObjectNode a = l.putObject("annotations").put("org.opencontainers.image.title", s.source() + ".jsonl.gz")
                        .put(SOURCE, s.source()).put(RECORDS, Integer.toString(s.count()));
                if (s.dataVersion() != null) a.put(DATA_VERSION, s.dataVersion());
            }
            manifest.putObject("annotations").put("org.opencontainers.image.created", Instant.now().toString());
            byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
            return new Pushed(registry.pushManifest(bytes, OCI_MANIFEST), layers);
        } finally {
            AdvisoryBundle.deleteTree(work);
        }
    }

    /** What a pull did: the artifact's manifest digest, the sources applied (with their change sets), and those skipped. */
    public record Pulled(Digest manifest, List<String> applied, List<ChangeSet> changes, List<String> unchanged) {}

    /**
     * Fetches the artifact, downloads the layers whose digest changed since {@code state} last
     * applied them, verifies each against its digest and size, and only then replaces those
     * sources in {@code store} at once. A wrong digest, a source this Spyglass does not know or a
     * manifest that is not ours refuses the whole artifact; the store is then untouched.
     */
    public static Pulled pull(RegistryClient registry, AdvisoryStore store, PulledLayers state) throws IOException {
        String what = "artifact " + registry.describe();
        RegistryClient.Manifest m = registry.manifest(OCI_MANIFEST);
        if (m.bytes().length > MAX_MANIFEST) throw new BundleException(what + ": manifest is too large");
        List<JsonNode> layers = layers(m.bytes(), what);
        Map<String, SourceStatus> now = new LinkedHashMap<>();
        for (SourceStatus s : store.status()) now.put(s.source(), s);
        Path work = Files.createTempDirectory("spyglass-artifact-");
        try {
            List<SourceReplacement> replace = new ArrayList<>();
            Map<String, String> digests = new LinkedHashMap<>();
            List<String> unchanged = new ArrayList<>();
            for (JsonNode l : layers) {
                String source = l.path("annotations").path(SOURCE).asText();
                Digest digest = Digest.parse(l.path("digest").asText());
                if (state.unchanged(source, digest.toString(), now.get(source))) {
                    unchanged.add(source);
                    continue;
                }
                Path blob = download(registry, digest, l.path("size").asLong(), work.resolve(source + ".jsonl.gz"), what);
                try (InputStream in = new GZIPInputStream(Files.newInputStream(blob), 1 << 16)) {
                    replace.add(SourceDump.read(in, source, what + " layer " + source));
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    throw new BundleException(what + ": layer " + source + " is not a complete gzip stream: " + e.getMessage(), e);
                }
                digests.put(source, digest.toString());
            }
            List<ChangeSet> changes = replace.isEmpty() ? List.of() : store.replaceSources(replace);
            Map<String, SourceStatus> after = new LinkedHashMap<>();
            for (SourceStatus s : store.status()) after.put(s.source(), s);
            digests.forEach((source, digest) -> state.remember(source, digest, after.get(source).lastImport()));
            state.save();
            return new Pulled(m.digest(), List.copyOf(digests.keySet()), changes, unchanged);
        } finally {
            AdvisoryBundle.deleteTree(work);
        }
    }

    /** The manifest's layers, each checked: our media type, a valid digest, a known source named once. */
    private static List<JsonNode> layers(byte[] bytes, String what) {
        JsonNode root;
        try {
            root = AdvisoryJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new BundleException(what + ": manifest is not valid json");
        }
        if (root == null || !ARTIFACT_TYPE.equals(root.path("artifactType").asText())) {
            throw new BundleException(what + " is not a Spyglass advisory artifact (artifactType " + ARTIFACT_TYPE + ")");
        }
        List<JsonNode> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode l : root.path("layers")) {
            String source = l.path("annotations").path(SOURCE).asText("");
            BundleManifest.checkKnown(source, what);
            if (!seen.add(source)) throw new BundleException(what + " has two layers for source '" + source + "'");
            if (!LAYER_TYPE.equals(l.path("mediaType").asText())) {
                throw new BundleException(what + ": layer " + source + " has media type '" + l.path("mediaType").asText() + "'");
            }
            try {
                Digest.parse(l.path("digest").asText());
            } catch (IllegalArgumentException e) {
                throw new BundleException(what + ": layer " + source + " has a malformed digest");
            }
            out.add(l);
        }
        return out;
    }

    /** Downloads one blob; refuses it when it is longer than its descriptor says or its digest differs. */
    private static Path download(RegistryClient registry, Digest digest, long size, Path to, String what) throws IOException {
        try (InputStream in = registry.openBlob(digest); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                total += n;
                if (total > size) throw new BundleException(what + ": blob " + digest + " is longer than its " + size + " bytes");
                out.write(buf, 0, n);
            }
            if (total != size) throw new BundleException(what + ": blob " + digest + " has " + total + " bytes, its manifest says " + size);
        } catch (io.spyglass.image.source.BlobDigestMismatchException e) {
            throw new BundleException(what + ": " + e.getMessage(), e);
        }
        return to;
    }
}
