package io.spyglass.advisory;

import java.time.Instant;

/** One source in the store: how many records, when last imported, and the feed's data version. */
public record SourceStatus(String source, String kind, int count, Instant lastImport, String dataVersion) {}
