package io.spyglass.advisory.source.nvd;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Cvss;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.NvdRecord;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Reference;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.advisory.source.osv.OsvDates;
import java.util.ArrayList;
import java.util.List;

/**
 * NVD CVE API 2.0 json: a results page ({@code vulnerabilities[].cve}), a bare {@code cve} object, or
 * vunnel's wrapper ({@code item.cve}). Keeps descriptions, every CVSS metric (v2, v3.0, v3.1, v4.0)
 * with its scoring source, CWE ids and references. Configurations (CPEs) are ignored on purpose:
 * NVD enriches, it never matches.
 */
public final class NvdParser {
    private static final List<String> METRICS = List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2");

    private NvdParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode root;
        try {
            root = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        if (root.has("vulnerabilities")) {
            for (JsonNode v : root.path("vulnerabilities")) one(v.path("cve"), out);
        } else if (root.path("item").has("cve")) {
            one(root.path("item").path("cve"), out);
        } else if (root.has("cve") && root.get("cve").isObject()) {
            one(root.get("cve"), out);
        } else if (root.has("id") && root.has("descriptions")) {
            one(root, out);
        } else {
            return Parsed.failed(file, "not NVD CVE API 2.0 json (no vulnerabilities[].cve or cve object)");
        }
        return out.done();
    }

    private static void one(JsonNode cve, Parsed.Collector out) {
        String id = FeedTrees.text(cve, "id");
        try {
            out.add(record(id, cve));
        } catch (InvalidAdvisoryException | java.time.format.DateTimeParseException e) {
            out.problem(id, e.getMessage());
        }
    }

    private static NvdRecord record(String id, JsonNode cve) {
        String description = null;
        for (JsonNode d : cve.path("descriptions")) {
            if ("en".equals(FeedTrees.text(d, "lang"))) description = FeedTrees.text(d, "value");
        }
        List<Rating> cvss = new ArrayList<>();
        for (String kind : METRICS) {
            for (JsonNode m : cve.path("metrics").path(kind)) {
                JsonNode data = m.path("cvssData");
                String vector = FeedTrees.text(data, "vectorString");
                if (vector == null) continue;
                Cvss c = new Cvss(FeedTrees.text(data, "version"), vector, data.hasNonNull("baseScore") ? data.get("baseScore").asDouble() : null);
                String word = FeedTrees.text(data, "baseSeverity") != null ? FeedTrees.text(data, "baseSeverity") : FeedTrees.text(m, "baseSeverity");
                Severity level = word != null ? Severity.parse(word) : c.severity();
                String source = FeedTrees.text(m, "source") != null ? FeedTrees.text(m, "source") : "nvd@nist.gov";
                cvss.add(new Rating(source, level, c));
            }
        }
        List<String> cwes = new ArrayList<>();
        for (JsonNode w : cve.path("weaknesses")) {
            for (JsonNode d : w.path("description")) {
                String value = FeedTrees.text(d, "value");
                if (value != null && value.startsWith("CWE-") && !cwes.contains(value)) cwes.add(value);
            }
        }
        List<Reference> refs = new ArrayList<>();
        for (JsonNode r : cve.path("references")) {
            String url = FeedTrees.text(r, "url");
            if (url != null) refs.add(new Reference(r.path("tags").size() > 0 ? r.path("tags").get(0).asText() : "WEB", url));
        }
        return new NvdRecord(id, description, OsvDates.instant(FeedTrees.text(cve, "published")),
                OsvDates.instant(FeedTrees.text(cve, "lastModified")), FeedTrees.text(cve, "vulnStatus"), cvss, cwes, refs);
    }
}
