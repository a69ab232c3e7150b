package io.spyglass.advisory.source.arch;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/** The Arch security tracker's {@code all.json} (or several such files). */
public final class ArchAvgImporter implements Importer {
    private final FeedReader reader = new FeedReader("arch", n -> n.endsWith(".json"), ArchAvgParser::parse, true);

    @Override
    public String source() {
        return "arch";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
