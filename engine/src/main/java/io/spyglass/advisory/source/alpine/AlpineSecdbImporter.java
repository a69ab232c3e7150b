package io.spyglass.advisory.source.alpine;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/**
 * Alpine secdb files ({@code v3.20/main.json}, {@code community.yaml}, …); one CVE spans files, so
 * records merge. The same format serves Wolfi and Chainguard ({@code security.json}, rolling: namespace
 * {@code wolfi} / {@code chainguard}).
 */
public final class AlpineSecdbImporter implements Importer {
    private final String source;
    private final FeedReader reader;

    public AlpineSecdbImporter() {
        this("alpine", null);
    }

    public AlpineSecdbImporter(String source, String rollingNamespace) {
        this.source = source;
        AlpineSecdbParser parser = new AlpineSecdbParser(source, rollingNamespace);
        this.reader = new FeedReader(source, n -> n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"), parser::parse, true);
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
