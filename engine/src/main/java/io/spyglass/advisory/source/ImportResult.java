package io.spyglass.advisory.source;

import io.spyglass.advisory.SourceRecord;
import java.util.List;

/**
 * Everything an importer read from a path: the records to store (one per id), the problems it
 * skipped, the number of files read, and the feed's data version where the feed states one.
 */
public record ImportResult(String source, List<SourceRecord> records, List<ImportProblem> problems, int files,
                           String dataVersion) {
    public ImportResult {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }
}
