package io.spyglass.advisory.source.osv;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/**
 * OSV files, folders and zips (osv.dev's {@code all.zip}, the GHSA and Go vulndb repositories,
 * PyPA's YAML tree). One class serves the {@code osv}, {@code ghsa}, {@code go}, {@code pypa} and
 * {@code ubuntu} sources: the ecosystem comes from each record.
 */
public final class OsvImporter implements Importer {
    private final String source;
    private final FeedReader reader;

    public OsvImporter(String source) {
        this.source = source;
        OsvParser parser = new OsvParser(source);
        this.reader = new FeedReader(source, OsvImporter::wanted, parser::parse);
    }

    static boolean wanted(String name) {
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
