package io.spyglass.advisory.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.advisory.AdvisoryJson;
import io.spyglass.advisory.RecordKind;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.SourceReplacement;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One source as json lines, the unit of a bundle member and of an artifact layer:
 * line 1 {@code {"format":1,"source","kind","count","dataVersion"}}, then one canonical record per
 * line, sorted by id. No import time: the same data always gives the same bytes, so an unchanged
 * source is an unchanged blob.
 */
final class SourceDump {
    private SourceDump() {}

    static void write(OutputStream out, String source, String dataVersion, List<SourceRecord> records) throws IOException {
        List<SourceRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(SourceRecord::id));
        ObjectNode head = AdvisoryJson.mapper().createObjectNode().put("format", 1).put("source", source)
                .put("kind", RecordKind.of(sorted).id()).put("count", sorted.size());
        if (dataVersion != null) head.put("dataVersion", dataVersion);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(head.toString());
        w.write('\n');
        for (SourceRecord r : sorted) {
            w.write(AdvisoryJson.write(r));
            w.write('\n');
        }
        w.flush();
    }

    /** Reads a dump that must be of {@code source}; {@code what} names it in errors. */
    static SourceReplacement read(InputStream in, String source, String what) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String first = r.readLine();
        if (first == null) throw new BundleException(what + " is empty");
        JsonNode head;
        try {
            head = AdvisoryJson.mapper().readTree(first);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BundleException(what + " has no readable header line");
        }
        if (head.path("format").asInt() != 1) throw new BundleException(what + " has an unknown format");
        if (!source.equals(head.path("source").asText())) {
            throw new BundleException(what + " holds source '" + head.path("source").asText() + "', expected '" + source + "'");
        }
        Class<? extends SourceRecord> type;
        try {
            type = RecordKind.parse(head.path("kind").asText()).type();
        } catch (IllegalArgumentException e) {
            throw new BundleException(what + " has an unknown record kind '" + head.path("kind").asText() + "'");
        }
        List<SourceRecord> records = new ArrayList<>();
        int line = 1;
        for (String text = r.readLine(); text != null; text = r.readLine()) {
            line++;
            try {
                records.add(AdvisoryJson.read(text, type));
            } catch (io.spyglass.advisory.AdvisoryStoreException | IllegalArgumentException e) {
                throw new BundleException(what + " line " + line + " is not a valid record: " + e.getMessage(), e);
            }
        }
        if (records.size() != head.path("count").asInt()) {
            throw new BundleException(what + " holds " + records.size() + " records, its header says " + head.path("count").asInt());
        }
        String version = head.hasNonNull("dataVersion") ? head.get("dataVersion").asText() : null;
        return new SourceReplacement(source, records, version);
    }
}
