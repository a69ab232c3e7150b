package io.spyglass.advisory.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.advisory.AdvisoryJson;
import io.spyglass.advisory.source.Importers;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bundle's {@code manifest.json}: every source it holds, with its data version, when it was
 * imported where the bundle was made, and the size and sha256 of its member.
 */
public record BundleManifest(Instant createdAt, List<Entry> sources) {
    static final String FILE = "manifest.json";
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");

    public BundleManifest {
        sources = List.copyOf(sources);
    }

    /** One source: {@code member} is the tar entry holding its {@link SourceDump}. */
    public record Entry(String source, String kind, int records, String dataVersion, Instant importedAt, String member,
                 long size, String sha256) {}

    static String member(String source) {
        return "sources/" + source + ".jsonl";
    }

    byte[] toJson() {
        ObjectNode root = AdvisoryJson.mapper().createObjectNode().put("format", 1).put("type", "spyglass-advisory-bundle")
                .put("createdAt", createdAt.toString());
        ArrayNode list = root.putArray("sources");
        for (Entry e : sources) {
            ObjectNode n = list.addObject().put("source", e.source()).put("kind", e.kind()).put("records", e.records());
            if (e.dataVersion() != null) n.put("dataVersion", e.dataVersion());
            n.put("importedAt", e.importedAt().toString()).put("member", e.member()).put("size", e.size()).put("sha256", e.sha256());
        }
        return root.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Parses and checks a manifest: known sources only, each once, each member where it belongs. */
    static BundleManifest parse(byte[] json, String what) {
        JsonNode root;
        try {
            root = AdvisoryJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new BundleException(what + ": manifest.json is not valid json");
        }
        if (root == null || root.path("format").asInt() != 1 || !"spyglass-advisory-bundle".equals(root.path("type").asText())) {
            throw new BundleException(what + " is not a Spyglass advisory bundle (manifest format 1)");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : root.path("sources")) {
            String source = n.path("source").asText();
            checkKnown(source, what);
            if (!seen.add(source)) throw new BundleException(what + " lists source '" + source + "' twice");
            String sha = n.path("sha256").asText();
            if (!SHA256.matcher(sha).matches()) throw new BundleException(what + ": source '" + source + "' has no sha256");
            if (!member(source).equals(n.path("member").asText())) {
                throw new BundleException(what + ": source '" + source + "' names member '" + n.path("member").asText() + "'");
            }
            entries.add(new Entry(source, n.path("kind").asText(), n.path("records").asInt(),
                    n.hasNonNull("dataVersion") ? n.get("dataVersion").asText() : null, instant(n.path("importedAt").asText()),
                    n.path("member").asText(), n.path("size").asLong(-1), sha));
        }
        return new BundleManifest(instant(root.path("createdAt").asText()), entries);
    }

    /** Refuses a source this Spyglass has no importer for: its records would be data nobody reads. */
    static void checkKnown(String source, String what) {
        if (!Importers.names().contains(source)) {
            throw new BundleException(what + " holds source '" + source + "', which this Spyglass does not know (known: "
                    + String.join(", ", Importers.names()) + ")");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
