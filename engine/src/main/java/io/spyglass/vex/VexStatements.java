package io.spyglass.vex;

import io.spyglass.match.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every statement of the documents in force, and the one that decides a finding: its vulnerability
 * is the finding's id or an alias, and its product is this image (all of it, or the finding's package
 * as a subcomponent) or the finding's package itself. When several apply, the latest wins (OpenVEX:
 * a later statement supersedes); equal times go to the document given last.
 */
public final class VexStatements {
    private record Entry(VexStatement statement, VexDocument document, int order) {}

    private final List<Entry> entries = new ArrayList<>();

    public VexStatements(List<VexDocument> documents) {
        int order = 0;
        for (VexDocument d : documents) {
            for (VexStatement s : d.statements()) entries.add(new Entry(s, d, order++));
        }
    }

    public static VexStatements none() {
        return new VexStatements(List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The deciding statement for a finding in the image with manifest digest {@code imageDigest} (may be null). */
    public VexVerdict verdict(Finding finding, String imageDigest) {
        List<String> ids = new ArrayList<>(finding.aliases());
        ids.add(finding.vulnerabilityId());
        return verdict(ids, finding.pkg().purl(), imageDigest);
    }

    /**
     * The deciding statement for a vulnerability known by any of {@code ids} in the package with
     * {@code purl} (may be null) of the image {@code imageDigest} (may be null): the same rule for a
     * finding read back from storage, where only its ids and its package's purl are at hand.
     */
    public VexVerdict verdict(java.util.Collection<String> ids, String purl, String imageDigest) {
        Entry best = null;
        for (Entry e : entries) {
            if (!names(e.statement(), ids) || !applies(e.statement(), purl, imageDigest)) continue;
            if (best == null || LATEST.compare(e, best) >= 0) best = e;
        }
        if (best == null) return null;
        return new VexVerdict(best.statement(), best.document().id(), best.document().author(),
                best.statement().timestamp() != null ? best.statement().timestamp() : best.document().timestamp());
    }

    /** Verdicts for the findings that have one, by finding. */
    public Map<Finding, VexVerdict> verdicts(List<Finding> findings, String imageDigest) {
        Map<Finding, VexVerdict> out = new java.util.IdentityHashMap<>();
        if (entries.isEmpty()) return out;
        for (Finding f : findings) {
            VexVerdict v = verdict(f, imageDigest);
            if (v != null) out.put(f, v);
        }
        return out;
    }

    private static final Comparator<Entry> LATEST = Comparator
            .comparing((Entry e) -> e.statement().timestamp() == null ? Instant.EPOCH : e.statement().timestamp())
            .thenComparingInt(Entry::order);

    private static boolean names(VexStatement s, java.util.Collection<String> ids) {
        List<String> said = new ArrayList<>(s.aliases());
        said.add(s.vulnerability());
        for (String a : said) {
            for (String b : ids) if (a.toUpperCase(Locale.ROOT).equals(b.toUpperCase(Locale.ROOT))) return true;
        }
        return false;
    }

    private static boolean applies(VexStatement s, String purl, String imageDigest) {
        for (VexProduct p : s.products()) {
            String digest = PurlMatch.imageDigest(p.id());
            if (digest != null) {
                if (imageDigest == null || !digest.equalsIgnoreCase(imageDigest)) continue;
                if (p.subcomponents().isEmpty()) return true;
                for (String sub : p.subcomponents()) if (PurlMatch.covers(sub, purl)) return true;
            } else if (PurlMatch.covers(p.id(), purl)) {
                // a package product: its subcomponents would be what is inside the package, not the package
                return true;
            }
        }
        return false;
    }
}
