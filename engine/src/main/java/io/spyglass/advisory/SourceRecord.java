package io.spyglass.advisory;

/** Anything an importer produces: an advisory, or an enrichment record (NVD, KEV, EPSS) keyed by CVE. */
public sealed interface SourceRecord permits Advisory, NvdRecord, KevEntry, EpssScore {
    /** The record's id within its source (advisory id, or CVE id for enrichment). */
    String id();
}
