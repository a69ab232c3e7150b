package io.spyglass.advisory;

import java.util.List;

/** One source's new records and data version, as {@link AdvisoryStore#replaceSources} takes them. */
public record SourceReplacement(String source, List<? extends SourceRecord> records, String dataVersion) {
    public SourceReplacement {
        records = List.copyOf(records);
    }
}
