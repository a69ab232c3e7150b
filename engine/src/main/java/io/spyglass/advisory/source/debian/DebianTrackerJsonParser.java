package io.spyglass.advisory.source.debian;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.Namespaces;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security tracker's json feed: source package → CVE → release codename →
 * {@code {status: resolved|open|undetermined, fixed_version, urgency, nodsa}}. {@code resolved}
 * with fixed version {@code 0} means never affected; {@code open} with {@code nodsa} means the
 * team will not fix it. Read one package at a time, so the 60 MB feed never sits in memory as a tree.
 */
public final class DebianTrackerJsonParser {
    private DebianTrackerJsonParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        Map<String, Advisory.Builder> byCve = new LinkedHashMap<>();
        try (JsonParser p = FeedTrees.JSON.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return Parsed.failed(file, "not a Debian tracker json feed (expected an object)");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String pkg = p.currentName();
                p.nextToken();
                JsonNode cves = p.readValueAsTree();
                if (cves == null || !cves.isObject()) {
                    out.problem(pkg, "package entry is not an object");
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = cves.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().isBlank()) {
                        out.problem(pkg, "an entry of " + pkg + " has no CVE id");
                        continue;
                    }
                    if (!e.getValue().has("releases")) {
                        out.problem(e.getKey(), "not a Debian tracker json feed (no releases for " + pkg + ")");
                        continue;
                    }
                    add(byCve, out, pkg, e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            return Parsed.failed(file, "not valid JSON: " + io.spyglass.catalog.ParseProblem.describe(e));
        }
        byCve.forEach((cve, b) -> {
            try {
                out.add(b.build());
            } catch (InvalidAdvisoryException e) {
                out.problem(cve, e.getMessage());
            }
        });
        return out.done();
    }

    private static void add(Map<String, Advisory.Builder> byCve, Parsed.Collector out, String pkg, String cve, JsonNode n) {
        Advisory.Builder b = byCve.computeIfAbsent(cve, k -> Advisory.builder(k, "debian")
                .reference("ADVISORY", "https://security-tracker.debian.org/tracker/" + k));
        b.details(FeedTrees.text(n, "description"));
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("releases").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            try {
                b.affected(affected(Namespaces.distro("debian", r.getKey()), pkg, r.getValue()));
                Severity urgency = Severity.parse(FeedTrees.text(r.getValue(), "urgency"));
                if (urgency != Severity.UNSPECIFIED) b.severity(Rating.of("debian", urgency));
            } catch (InvalidAdvisoryException e) {
                out.problem(cve, pkg + " in " + r.getKey() + ": " + e.getMessage());
            }
        }
    }

    private static Affected affected(String namespace, String pkg, JsonNode r) {
        String status = String.valueOf(FeedTrees.text(r, "status"));
        String fixed = FeedTrees.text(r, "fixed_version");
        return switch (status) {
            case "resolved" -> {
                if (fixed == null) throw new InvalidAdvisoryException("resolved without fixed_version");
                yield fixed.equals("0") ? Affected.notAffected(namespace, pkg, null) : Affected.fixedIn(namespace, pkg, fixed);
            }
            case "open" -> {
                // no DSA planned, or the release is out of security support: no fix will come
                if (FeedTrees.text(r, "nodsa") != null) {
                    yield Affected.unfixed(namespace, pkg, AffectedStatus.WILL_NOT_FIX, "no-dsa: " + FeedTrees.text(r, "nodsa_reason"));
                }
                if ("end-of-life".equals(FeedTrees.text(r, "urgency"))) {
                    yield Affected.unfixed(namespace, pkg, AffectedStatus.WILL_NOT_FIX, "end-of-life");
                }
                yield Affected.unfixed(namespace, pkg, AffectedStatus.AFFECTED, null);
            }
            case "undetermined" -> Affected.unfixed(namespace, pkg, AffectedStatus.AFFECTED, "undetermined");
            default -> throw new InvalidAdvisoryException("unknown status '" + status + "'");
        };
    }
}
