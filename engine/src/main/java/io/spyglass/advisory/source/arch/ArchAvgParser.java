package io.spyglass.advisory.source.arch;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Arch Linux security tracker {@code all.json}: a list of AVG groups ({@code packages}, {@code status},
 * {@code severity}, {@code fixed}, {@code issues} = CVEs). Each CVE becomes an advisory of source
 * {@code arch} in namespace {@code arch}; an AVG without CVEs keeps its AVG id.
 */
public final class ArchAvgParser {
    private ArchAvgParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode root;
        try {
            root = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        if (!root.isArray()) return Parsed.failed(file, "not an Arch AVG list (expected a json array)");
        Map<String, Advisory.Builder> byId = new LinkedHashMap<>();
        for (JsonNode g : root) {
            String avg = FeedTrees.text(g, "name");
            if (avg == null || !g.path("packages").isArray()) {
                out.problem(avg, "not an AVG entry (no name/packages)");
                continue;
            }
            try {
                group(g, avg, byId);
            } catch (InvalidAdvisoryException e) {
                out.problem(avg, e.getMessage());
            }
        }
        byId.values().forEach(b -> out.add(b.build()));
        return out.done();
    }

    private static void group(JsonNode g, String avg, Map<String, Advisory.Builder> byId) {
        List<Affected> affected = new ArrayList<>();
        String status = String.valueOf(FeedTrees.text(g, "status")).toLowerCase(Locale.ROOT);
        String fixed = FeedTrees.text(g, "fixed");
        for (JsonNode p : g.path("packages")) {
            String name = p.asText();
            if (status.startsWith("not affected")) affected.add(Affected.notAffected("arch", name, null));
            else if (fixed != null) affected.add(Affected.fixedIn("arch", name, fixed));
            else affected.add(Affected.unfixed("arch", name, AffectedStatus.AFFECTED, status));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode i : g.path("issues")) ids.add(i.asText());
        if (ids.isEmpty()) ids.add(avg);
        Severity level = Severity.parse(FeedTrees.text(g, "severity"));
        for (String id : ids) {
            Advisory.Builder b = byId.computeIfAbsent(id, k -> Advisory.builder(k, "arch"));
            b.summary(FeedTrees.text(g, "type")).severity(Rating.of("arch", level))
                    .reference("ADVISORY", "https://security.archlinux.org/" + avg);
            for (JsonNode asa : g.path("advisories")) b.reference("ADVISORY", "https://security.archlinux.org/" + asa.asText());
            affected.forEach(b::affected);
        }
    }
}
