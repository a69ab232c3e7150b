package io.spyglass.advisory;

import java.time.LocalDate;

/**
 * FIRST's EPSS: probability of exploitation in the next 30 days, and its percentile, on a date.
 * The oldest files have no percentile column and some no date: those are null.
 */
public record EpssScore(String id, double score, Double percentile, LocalDate date) implements SourceRecord {
    public EpssScore {
        if (id == null || !id.startsWith("CVE-")) throw new InvalidAdvisoryException("EPSS score without a CVE id: " + id);
        if (score < 0 || score > 1) throw new InvalidAdvisoryException("EPSS score " + score + " for " + id + " is not in 0–1");
        if (percentile != null && (percentile < 0 || percentile > 1)) throw new InvalidAdvisoryException("EPSS percentile " + percentile + " for " + id + " is not in 0–1");
    }
}
