package io.spyglass.advisory.source;

import io.spyglass.advisory.SourceRecord;
import java.util.ArrayList;
import java.util.List;

/** What a parser made of one file: the records it could read and the problems it skipped. */
public record Parsed(List<SourceRecord> records, List<ImportProblem> problems) {
    public Parsed {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }

    public static Parsed failed(String file, String message) {
        return new Parsed(List.of(), List.of(new ImportProblem(file, null, message)));
    }

    /** Collects records and problems while a parser walks a file. */
    public static final class Collector {
        private final String file;
        private final List<SourceRecord> records = new ArrayList<>();
        private final List<ImportProblem> problems = new ArrayList<>();

        public Collector(String file) {
            this.file = file;
        }

        public void add(SourceRecord r) {
            records.add(r);
        }

        public void problem(String recordId, String message) {
            problems.add(new ImportProblem(file, recordId, message));
        }

        public Parsed done() {
            return new Parsed(records, problems);
        }
    }
}
