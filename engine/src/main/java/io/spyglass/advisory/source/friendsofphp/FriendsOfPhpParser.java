package io.spyglass.advisory.source.friendsofphp;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.version.VersionConstraint;
import io.spyglass.version.VersionRange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One FriendsOfPHP security-advisories YAML file: {@code reference: composer://vendor/pkg} and per
 * branch {@code versions: ['>=7', '<7.4.3']} (all must hold). A branch that reads as a plain
 * interval becomes an ECOSYSTEM range; anything else stays an AFFECTED_IF Composer constraint.
 */
public final class FriendsOfPhpParser {
    private static final Pattern GHSA = Pattern.compile("GHSA(-[23456789cfghjmpqrvwx]{4}){3}");

    private FriendsOfPhpParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode n;
        try {
            n = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        String reference = FeedTrees.text(n, "reference");
        if (reference == null || !reference.startsWith("composer://")) {
            out.problem(null, "not a FriendsOfPHP advisory (no composer:// reference)");
            return out.done();
        }
        String pkg = reference.substring("composer://".length());
        String id = pkg + "/" + baseName(file);
        try {
            out.add(advisory(id, pkg, n));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            out.problem(id, e.getMessage());
        }
        return out.done();
    }

    private static Advisory advisory(String id, String pkg, JsonNode n) {
        Advisory.Builder b = Advisory.builder(id, "friendsofphp").summary(FeedTrees.text(n, "title"));
        String cve = FeedTrees.text(n, "cve");
        if (cve != null && cve.startsWith("CVE-")) b.alias(cve);
        String link = FeedTrees.text(n, "link");
        b.reference("ADVISORY", link);
        if (link != null) {
            Matcher m = GHSA.matcher(link);
            if (m.find()) b.alias(m.group());
        }
        List<AffectedRange> ranges = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("branches").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> branch = it.next();
            List<String> parts = new ArrayList<>();
            for (JsonNode v : branch.getValue().path("versions")) parts.add(v.asText().trim());
            if (parts.isEmpty()) throw new InvalidAdvisoryException("branch " + branch.getKey() + " has no versions");
            ranges.addAll(ranges(String.join(",", parts)));
        }
        if (ranges.isEmpty()) throw new InvalidAdvisoryException("no branches");
        b.affected(new Affected("Packagist", pkg, ranges, List.of(), null, null));
        return b.build();
    }

    static List<AffectedRange> ranges(String constraint) {
        VersionConstraint c = VersionConstraint.parse(constraint, VersionConstraint.Dialect.COMPOSER);
        Optional<List<VersionRange>> plain = c.asRanges();
        if (plain.isEmpty()) return List.of(AffectedRange.affectedIf(constraint));
        List<AffectedRange> out = new ArrayList<>();
        for (VersionRange r : plain.get()) {
            out.add(AffectedRange.events(AffectedRange.Type.ECOSYSTEM, r.introduced(), r.fixed(), r.lastAffected(), r.limit()));
        }
        return out;
    }

    private static String baseName(String file) {
        String f = file.replace('\\', '/');
        String base = f.substring(f.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
