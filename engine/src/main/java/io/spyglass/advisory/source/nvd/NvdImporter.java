package io.spyglass.advisory.source.nvd;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/** NVD CVE API 2.0 pages or per-CVE files (fkie-cad/nvd-json-data-feeds layout), folders or archives. */
public final class NvdImporter implements Importer {
    private final FeedReader reader = new FeedReader("nvd", n -> n.endsWith(".json"), NvdParser::parse);

    @Override
    public String source() {
        return "nvd";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
