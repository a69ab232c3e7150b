package io.spyglass.advisory.source.epss;

import io.spyglass.advisory.EpssScore;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;
import java.time.LocalDate;

/** EPSS csv files ({@code .csv} or {@code .csv.gz}); with several days, each CVE keeps its newest score. */
public final class EpssImporter implements Importer {
    private final FeedReader reader = new FeedReader("epss", n -> n.endsWith(".csv"), EpssParser::parse);

    @Override
    public String source() {
        return "epss";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        ImportResult r = reader.read(paths, null);
        LocalDate newest = null;
        for (SourceRecord s : r.records()) {
            LocalDate d = ((EpssScore) s).date();
            if (d != null && (newest == null || d.isAfter(newest))) newest = d;
        }
        return new ImportResult(r.source(), r.records(), r.problems(), r.files(), newest == null ? null : newest.toString());
    }
}
