package io.spyglass.advisory.source.osv;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.InvalidAdvisoryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens an OSV range's events into intervals, in the order given (OSV requires them sorted; we
 * cannot sort without the ecosystem's comparator, so we trust the source): each {@code introduced}
 * opens an interval, the next {@code fixed} or {@code last_affected} closes it, {@code limit}
 * bounds them all. GIT ranges carry commits, not versions, and are left out.
 */
final class OsvRanges {
    private OsvRanges() {}

    static List<AffectedRange> flatten(JsonNode range) {
        String typeText = range.path("type").asText("");
        if (typeText.equals("GIT")) return List.of();
        AffectedRange.Type type = switch (typeText) {
            case "ECOSYSTEM" -> AffectedRange.Type.ECOSYSTEM;
            case "SEMVER" -> AffectedRange.Type.SEMVER;
            default -> throw new InvalidAdvisoryException("unknown range type '" + typeText + "'");
        };
        JsonNode events = range.path("events");
        if (!events.isArray() || events.isEmpty()) throw new InvalidAdvisoryException(typeText + " range without events");
        String limit = null;
        for (JsonNode e : events) {
            if (e.has("limit") && !e.get("limit").asText().equals("*")) limit = e.get("limit").asText();
        }
        List<AffectedRange> out = new ArrayList<>();
        String open = null;
        for (JsonNode e : events) {
            if (e.has("introduced")) {
                if (open != null) out.add(AffectedRange.events(type, open, null, null, limit));
                open = text(e, "introduced");
            } else if (e.has("fixed") || e.has("last_affected")) {
                String fixed = e.has("fixed") ? text(e, "fixed") : null;
                String last = e.has("last_affected") ? text(e, "last_affected") : null;
                out.add(AffectedRange.events(type, open == null ? "0" : open, fixed, last, limit));
                open = null;
            } else if (!e.has("limit")) {
                throw new InvalidAdvisoryException("unknown range event " + e);
            }
        }
        if (open != null) out.add(AffectedRange.events(type, open, null, null, limit));
        return out;
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (!v.isValueNode() || v.asText().isBlank()) throw new InvalidAdvisoryException("empty \"" + field + "\" event");
        return v.asText();
    }
}
