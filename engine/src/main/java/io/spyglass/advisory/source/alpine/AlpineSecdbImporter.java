package io.spyglass.advisory.source.alpine;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/** Alpine secdb files ({@code v3.20/main.json}, {@code community.yaml}, …); one CVE spans files, so records merge. */
public final class AlpineSecdbImporter implements Importer {
    private final FeedReader reader = new FeedReader("alpine",
            n -> n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"), AlpineSecdbParser::parse, true);

    @Override
    public String source() {
        return "alpine";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
