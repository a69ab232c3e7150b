package io.spyglass.advisory.source.osv;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.Cvss;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.Namespaces;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.version.VersionRange;
import io.spyglass.version.VersionScheme;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OSV (schema 1.x) in JSON or YAML to advisories: one record, a json array of records, or an
 * osv.dev {@code {"vulns": [...]}} bundle. Any ecosystem: GHSA, Go vulndb, PyPA, Debian/Alpine/Ubuntu
 * OSV. Pure: bytes in, records out. A record that breaks the schema is skipped and reported; an
 * affected entry in an ecosystem we do not know is dropped from its record and reported.
 */
public final class OsvParser {
    private static final Pattern DERIVED_ID = Pattern.compile("^[A-Z]+-(CVE-\\d{4}-\\d+)$");
    private final String source;

    /** @param source the importer's name ({@code osv}, {@code ghsa}, {@code go}, {@code pypa}, {@code ubuntu}) */
    public OsvParser(String source) {
        this.source = source;
    }

    public Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode root;
        try {
            root = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        if (root.isObject() && root.has("vulns")) root = root.get("vulns");
        if (root.isArray()) {
            for (JsonNode n : root) one(n, out);
        } else {
            one(root, out);
        }
        return out.done();
    }

    private void one(JsonNode n, Parsed.Collector out) {
        String id = n.path("id").asText(null);
        if (!n.isObject() || id == null || id.isBlank()) {
            out.problem(null, "not an OSV record (no \"id\")");
            return;
        }
        if (!n.has("modified") && !n.has("affected") && !n.has("aliases")) {
            out.problem(id, "not an OSV record (no \"modified\", \"affected\" or \"aliases\")");
            return;
        }
        try {
            out.add(advisory(id, n, out));
        } catch (InvalidAdvisoryException | DateTimeParseException e) {
            out.problem(id, e.getMessage());
        }
    }

    private Advisory advisory(String id, JsonNode n, Parsed.Collector out) {
        String label = OsvSources.label(id, source);
        Advisory.Builder b = Advisory.builder(id, source)
                .summary(n.path("summary").asText(null))
                .details(n.path("details").asText(null))
                .published(instant(n.get("published")))
                .modified(instant(n.get("modified")))
                .withdrawn(instant(n.get("withdrawn")));
        for (JsonNode a : n.path("aliases")) b.alias(a.asText());
        // upstream (OSV 1.6): UBUNTU-CVE-x, ALPINE-CVE-x derive from the CVE; same vulnerability
        // (only a single upstream: a USN's list of CVEs names several vulnerabilities)
        if (n.path("upstream").size() == 1) b.alias(n.path("upstream").get(0).asText());
        // UBUNTU-CVE-2024-51988, ALPINE-CVE-2023-46850: the id names its CVE (Ubuntu puts it only under "related")
        Matcher derived = DERIVED_ID.matcher(id);
        if (derived.matches()) b.alias(derived.group(1));
        ratings(label, n, b);
        for (JsonNode r : n.path("references")) b.reference(r.path("type").asText(null), r.path("url").asText(null));
        for (JsonNode c : n.path("database_specific").path("cwe_ids")) b.cwe(c.asText());
        for (JsonNode a : n.path("affected")) {
            try {
                Affected entry = affected(a);
                badBounds(entry).forEach(bad -> out.problem(id, "affected " + entry.name() + ": " + bad
                        + "; kept, its matches are marked uncertain"));
                b.affected(entry);
            } catch (InvalidAdvisoryException e) {
                out.problem(id, "affected " + a.path("package").path("name").asText("?") + " skipped: " + e.getMessage());
            }
        }
        return b.build();
    }

    private static void ratings(String label, JsonNode n, Advisory.Builder b) {
        Severity stated = Severity.parse(n.path("database_specific").path("severity").asText(null));
        boolean first = true;
        for (JsonNode s : n.path("severity")) {
            String type = s.path("type").asText("");
            String score = s.path("score").asText("");
            if (type.startsWith("CVSS_")) {
                Cvss cvss = Cvss.parse(score);
                b.severity(new Rating(label, first && stated != Severity.UNSPECIFIED ? stated : cvss.severity(), cvss));
                first = false;
            } else if (!score.isBlank()) {
                // Ubuntu's own words ("medium"), Debian urgencies
                b.severity(Rating.of(type.toLowerCase(Locale.ROOT), Severity.parse(score)));
            }
        }
        if (first && stated != Severity.UNSPECIFIED) b.severity(Rating.of(label, stated));
    }

    static Affected affected(JsonNode a) {
        JsonNode pkg = a.path("package");
        String namespace = Namespaces.fromOsvEcosystem(pkg.path("ecosystem").asText(null));
        String name = pkg.path("name").asText(null);
        List<AffectedRange> ranges = new ArrayList<>();
        for (JsonNode r : a.path("ranges")) ranges.addAll(OsvRanges.flatten(r));
        List<String> versions = new ArrayList<>();
        for (JsonNode v : a.path("versions")) versions.add(v.asText());
        return new Affected(namespace, name, ranges, versions, null, null);
    }

    /**
     * The range bounds the entry's version scheme cannot read. They are imported all the same (the
     * advisory is real), and the matcher, unable to compare with them, marks the findings uncertain
     * instead of guessing "no fix": reporting them here names the file and record once.
     */
    static List<String> badBounds(Affected entry) {
        Optional<VersionScheme> scheme = Namespaces.scheme(entry.namespace());
        if (scheme.isEmpty()) return List.of();
        List<String> bad = new ArrayList<>();
        for (AffectedRange r : entry.ranges()) {
            if (r.type() != AffectedRange.Type.ECOSYSTEM && r.type() != AffectedRange.Type.SEMVER) continue;
            try {
                new VersionRange(r.introduced(), r.fixed(), r.lastAffected(), r.limit()).validate(scheme.get());
            } catch (IllegalArgumentException e) {
                bad.add(e.getMessage());
            }
        }
        return bad;
    }

    static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : OsvDates.instant(n.asText());
    }
}
