package io.spyglass.advisory.source.friendsofphp;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.version.VersionConstraint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One FriendsOfPHP security-advisories YAML file: {@code reference: composer://vendor/pkg} and per
 * branch {@code versions: ['>=7', '<7.4.3']} (all must hold). A branch that reads as a plain
 * interval becomes an ECOSYSTEM range; anything else stays an AFFECTED_IF Composer constraint.
 */
public final class FriendsOfPhpParser {
    private static final Pattern SIMPLE = Pattern.compile("\\s*(>=|<=|<|>)\\s*v?([0-9][0-9A-Za-z.+-]*)\\s*");
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
            ranges.add(range(parts));
        }
        if (ranges.isEmpty()) throw new InvalidAdvisoryException("no branches");
        b.affected(new Affected("Packagist", pkg, ranges, List.of(), null, null));
        return b.build();
    }

    /**
     * {@code ['>=7', '<7.4.3']} → introduced 7, fixed 7.4.3, as written (Composer's parser would
     * normalise them to {@code 7.4.3.0-dev}); anything else stays a Composer constraint. Either
     * way the constraint must parse, so a broken one is reported at import.
     */
    static AffectedRange range(List<String> parts) {
        String constraint = String.join(",", parts);
        VersionConstraint.parse(constraint, VersionConstraint.Dialect.COMPOSER);
        String introduced = null;
        String fixed = null;
        String last = null;
        for (String p : parts) {
            Matcher m = SIMPLE.matcher(p);
            if (!m.matches()) return AffectedRange.affectedIf(constraint);
            switch (m.group(1)) {
                case ">=" -> { if (introduced != null) return AffectedRange.affectedIf(constraint); introduced = m.group(2); }
                case "<" -> { if (fixed != null || last != null) return AffectedRange.affectedIf(constraint); fixed = m.group(2); }
                case "<=" -> { if (fixed != null || last != null) return AffectedRange.affectedIf(constraint); last = m.group(2); }
                default -> { return AffectedRange.affectedIf(constraint); }
            }
        }
        return AffectedRange.events(AffectedRange.Type.ECOSYSTEM, introduced, fixed, last, null);
    }

    private static String baseName(String file) {
        String f = file.replace('\\', '/');
        String base = f.substring(f.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
