package io.spyglass.advisory.source.redhat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Cvss;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import io.spyglass.advisory.source.osv.OsvDates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Red Hat CSAF 2.0 document (security advisory or VEX). Each vulnerability (CVE) becomes an
 * advisory of source {@code redhat-csaf} with entries per RHEL release ({@code redhat:8}) and rpm:
 * {@code fixed} → fixed in that rpm's version, {@code known_affected} → no fix yet (or will not
 * fix, when the remediation says {@code no_fix_planned}), {@code known_not_affected} → not
 * affected. Where a release's status list names the source rpm, only source rpm names are kept
 * from that list, since the matcher goes through an image package's source rpm.
 */
public final class CsafParser {
    private CsafParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode root;
        try {
            root = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        if (!root.has("document") || !root.has("product_tree") || !root.path("vulnerabilities").isArray()) {
            return Parsed.failed(file, "not a CSAF document (no document/product_tree/vulnerabilities)");
        }
        CsafProducts products = new CsafProducts(root.path("product_tree"));
        JsonNode tracking = root.path("document").path("tracking");
        String docId = FeedTrees.text(tracking, "id");
        for (JsonNode v : root.path("vulnerabilities")) {
            String id = FeedTrees.text(v, "cve") != null ? FeedTrees.text(v, "cve") : docId;
            try {
                out.add(advisory(id, docId, v, tracking, products));
            } catch (InvalidAdvisoryException | java.time.format.DateTimeParseException e) {
                out.problem(id, e.getMessage());
            }
        }
        return out.done();
    }

    private static Advisory advisory(String id, String docId, JsonNode v, JsonNode tracking, CsafProducts products) {
        Advisory.Builder b = Advisory.builder(id, "redhat-csaf").summary(FeedTrees.text(v, "title"))
                .published(OsvDates.instant(FeedTrees.text(v, "release_date")))
                .modified(OsvDates.instant(FeedTrees.text(tracking, "current_release_date")));
        for (JsonNode note : v.path("notes")) {
            if ("description".equals(FeedTrees.text(note, "category"))) b.details(FeedTrees.text(note, "text"));
        }
        if (docId != null && !docId.equals(id)) {
            b.reference("ADVISORY", "https://access.redhat.com/errata/" + docId);
        }
        for (JsonNode r : v.path("references")) b.reference("WEB", FeedTrees.text(r, "url"));
        b.cwe(FeedTrees.text(v.path("cwe"), "id"));
        Severity impact = Severity.UNSPECIFIED;
        for (JsonNode t : v.path("threats")) {
            if ("impact".equals(FeedTrees.text(t, "category"))) impact = Severity.parse(FeedTrees.text(t, "details"));
        }
        boolean rated = false;
        for (JsonNode s : v.path("scores")) {
            for (String field : List.of("cvss_v3", "cvss_v2")) {
                JsonNode c = s.get(field);
                if (c == null || FeedTrees.text(c, "vectorString") == null) continue;
                Cvss cvss = new Cvss(FeedTrees.text(c, "version"), FeedTrees.text(c, "vectorString"),
                        c.hasNonNull("baseScore") ? c.get("baseScore").asDouble() : null);
                b.severity(new Rating("redhat", impact != Severity.UNSPECIFIED ? impact : cvss.severity(), cvss));
                rated = true;
            }
        }
        if (!rated && impact != Severity.UNSPECIFIED) b.severity(Rating.of("redhat", impact));
        affected(v, products).forEach(b::affected);
        return b.build();
    }

    private static List<Affected> affected(JsonNode v, CsafProducts products) {
        Set<String> noFix = new HashSet<>();
        for (JsonNode r : v.path("remediations")) {
            if ("no_fix_planned".equals(FeedTrees.text(r, "category"))) r.path("product_ids").forEach(p -> noFix.add(p.asText()));
        }
        Map<String, List<Object[]>> byNamespace = new HashMap<>();
        JsonNode status = v.path("product_status");
        for (String bucket : List.of("fixed", "known_affected", "known_not_affected")) {
            for (JsonNode pid : status.path(bucket)) {
                CsafProducts.Rpm rpm = products.rpm(pid.asText());
                if (rpm != null) {
                    byNamespace.computeIfAbsent(rpm.namespace() + " " + bucket, k -> new ArrayList<>())
                            .add(new Object[] {bucket, rpm, noFix.contains(pid.asText())});
                }
            }
        }
        List<Affected> out = new ArrayList<>();
        for (List<Object[]> entries : byNamespace.values()) {
            boolean hasSource = entries.stream().anyMatch(e -> "src".equals(((CsafProducts.Rpm) e[1]).arch()));
            for (Object[] e : entries) {
                CsafProducts.Rpm rpm = (CsafProducts.Rpm) e[1];
                if (hasSource && !"src".equals(rpm.arch())) continue;
                String note = rpm.module() == null ? null : "module " + rpm.module();
                out.add(switch ((String) e[0]) {
                    case "fixed" -> new Affected(rpm.namespace(), rpm.name(),
                            List.of(io.spyglass.advisory.AffectedRange.fixedIn(rpm.version())), List.of(), AffectedStatus.FIXED, note);
                    case "known_not_affected" -> Affected.notAffected(rpm.namespace(), rpm.name(), note);
                    default -> Affected.unfixed(rpm.namespace(), rpm.name(),
                            (Boolean) e[2] ? AffectedStatus.WILL_NOT_FIX : AffectedStatus.AFFECTED, note);
                });
            }
        }
        return out;
    }
}
