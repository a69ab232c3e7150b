package io.spyglass.advisory.source.kev;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.KevEntry;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** CISA's Known Exploited Vulnerabilities catalogue json ({@code catalogVersion}, {@code vulnerabilities[]}). */
public final class KevParser {
    private KevParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode root;
        try {
            root = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        if (!root.path("vulnerabilities").isArray() || !root.has("catalogVersion")) {
            return Parsed.failed(file, "not a KEV catalogue (no catalogVersion/vulnerabilities)");
        }
        for (JsonNode v : root.path("vulnerabilities")) {
            String id = FeedTrees.text(v, "cveID");
            try {
                out.add(new KevEntry(id, FeedTrees.text(v, "vendorProject"), FeedTrees.text(v, "product"),
                        FeedTrees.text(v, "vulnerabilityName"), date(v, "dateAdded"), date(v, "dueDate"),
                        FeedTrees.text(v, "requiredAction"), FeedTrees.text(v, "knownRansomwareCampaignUse")));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                out.problem(id, e.getMessage());
            }
        }
        return out.done();
    }

    /** The catalogue version, e.g. {@code 2025.08.25}, or null. */
    public static String version(byte[] bytes, String file) {
        try {
            return FeedTrees.text(FeedTrees.read(file, bytes), "catalogVersion");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(JsonNode v, String field) {
        String t = FeedTrees.text(v, field);
        return t == null ? null : LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
    }
}
