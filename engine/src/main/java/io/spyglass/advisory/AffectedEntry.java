package io.spyglass.advisory;

/**
 * What the index answers for a package key: one affected entry, the advisory it came from (its
 * source and id say where a finding came from), and the correlated vulnerability.
 */
public record AffectedEntry(Affected affected, Advisory advisory, Vulnerability vulnerability) {}
