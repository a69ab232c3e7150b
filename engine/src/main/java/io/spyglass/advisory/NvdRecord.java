package io.spyglass.advisory;

import java.time.Instant;
import java.util.List;

/**
 * NVD's view of a CVE, used only to enrich (description, CVSS, CWE, references); never matched by
 * CPE. {@code cvss} holds every metric NVD lists, each as a {@link Rating} whose source is the
 * scoring organisation as NVD names it ({@code nvd@nist.gov}, a CNA's address…); {@code status}
 * is NVD's vulnStatus ({@code Analyzed}, {@code Awaiting Analysis}, {@code Rejected}…).
 */
public record NvdRecord(String id, String description, Instant published, Instant modified, String status,
                        List<Rating> cvss, List<String> cwes, List<Reference> references) implements SourceRecord {
    public NvdRecord {
        if (id == null || !id.startsWith("CVE-")) throw new InvalidAdvisoryException("NVD record without a CVE id: " + id);
        cvss = cvss == null ? List.of() : List.copyOf(cvss);
        cwes = cwes == null ? List.of() : List.copyOf(cwes);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** NVD's own primary rating (newest CVSS version first), or a CNA's when NVD has none. */
    public Rating preferredRating() {
        Rating best = null;
        for (Rating r : cvss) {
            if (best == null || rank(r) > rank(best)) best = r;
        }
        return best == null ? null : new Rating("nvd", best.level(), best.cvss());
    }

    private static int rank(Rating r) {
        int version = r.cvss() == null ? 0 : switch (r.cvss().version()) {
            case "4.0" -> 4; case "3.1" -> 3; case "3.0" -> 2; default -> 1;
        };
        return (r.source().equals("nvd@nist.gov") ? 10 : 0) + version;
    }
}
