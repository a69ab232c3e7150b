package io.spyglass.advisory.source.redhat;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/** Red Hat CSAF advisories and VEX files: single json files, folders, or the {@code csaf_*.tar.zst} archive. One CVE spans many advisories, so records merge. */
public final class CsafImporter implements Importer {
    private final FeedReader reader = new FeedReader("redhat-csaf", n -> n.endsWith(".json"), CsafParser::parse, true);

    @Override
    public String source() {
        return "redhat-csaf";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
