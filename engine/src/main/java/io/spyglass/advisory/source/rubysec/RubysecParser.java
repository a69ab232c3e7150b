package io.spyglass.advisory.source.rubysec;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.version.Schemes;
import io.spyglass.version.VersionConstraint;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One ruby-advisory-db YAML file ({@code gems/<gem>/<id>.yml} or {@code rubies/<engine>/<id>.yml}).
 * {@code patched_versions} and {@code unaffected_versions} are RubyGems requirements naming the
 * versions that are safe; every other version is affected. Gems go to the {@code RubyGems}
 * namespace; interpreters to {@code rubies} (no OSV ecosystem names them).
 */
public final class RubysecParser {
    private RubysecParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode n;
        try {
            n = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        String gem = FeedTrees.text(n, "gem");
        String engine = FeedTrees.text(n, "engine");
        String base = baseName(file);
        String id = (gem != null ? gem : engine) + "/" + base;
        if (gem == null && engine == null) {
            out.problem(base, "not a rubysec advisory (no gem or engine)");
            return out.done();
        }
        try {
            out.add(advisory(id, n, gem != null ? "RubyGems" : "rubies", gem != null ? gem : engine));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            out.problem(id, e.getMessage());
        }
        return out.done();
    }

    private static Advisory advisory(String id, JsonNode n, String namespace, String name) {
        Advisory.Builder b = Advisory.builder(id, "rubysec")
                .summary(FeedTrees.text(n, "title"))
                .details(FeedTrees.text(n, "description"))
                .reference("ADVISORY", FeedTrees.text(n, "url"));
        String cve = FeedTrees.text(n, "cve");
        if (cve != null) b.alias(cve.startsWith("CVE-") ? cve : "CVE-" + cve);
        String ghsa = FeedTrees.text(n, "ghsa");
        if (ghsa != null) b.alias(ghsa.startsWith("GHSA-") ? ghsa : "GHSA-" + ghsa);
        String osvdb = FeedTrees.text(n, "osvdb");
        if (osvdb != null) b.alias("OSVDB-" + osvdb);
        String date = FeedTrees.text(n, "date");
        if (date != null) b.published(LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant());
        // rubysec gives CVSS base scores without vectors
        for (String field : List.of("cvss_v4", "cvss_v3", "cvss_v2")) {
            if (n.hasNonNull(field)) {
                double score = n.get(field).asDouble();
                b.severity(Rating.of("rubysec", field.equals("cvss_v2") ? Severity.fromCvss2Score(score) : Severity.fromScore(score)));
            }
        }
        for (JsonNode r : n.path("related").path("url")) b.reference("WEB", r.asText());
        List<AffectedRange> ranges = new ArrayList<>();
        for (JsonNode p : n.path("patched_versions")) ranges.add(AffectedRange.unaffectedIf(p.asText(), lowerBound(p.asText())));
        for (JsonNode u : n.path("unaffected_versions")) ranges.add(AffectedRange.unaffectedIf(u.asText(), null));
        if (ranges.isEmpty()) ranges.add(AffectedRange.fixedIn(null));
        boolean patched = n.path("patched_versions").size() > 0;
        b.affected(new Affected(namespace, name, ranges, List.of(), patched ? AffectedStatus.FIXED : AffectedStatus.AFFECTED, null));
        return b.build();
    }

    /** The first safe version a requirement admits: its highest {@code >=} bound ({@code ~> 2.0.9, >= 2.0.9.1} → 2.0.9.1). */
    static String lowerBound(String requirement) {
        VersionConstraint c = VersionConstraint.parse(requirement, VersionConstraint.Dialect.RUBYGEMS);
        String best = null;
        for (List<VersionConstraint.Comparison> all : c.alternatives()) {
            for (VersionConstraint.Comparison cmp : all) {
                if (cmp.op() != VersionConstraint.Operator.GE) continue;
                if (best == null || Schemes.GEM.compare(cmp.version(), best) > 0) best = cmp.version();
            }
        }
        return best;
    }

    private static String baseName(String file) {
        String f = file.replace('\\', '/');
        String base = f.substring(f.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
