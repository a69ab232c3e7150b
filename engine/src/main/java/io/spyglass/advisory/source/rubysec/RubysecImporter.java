package io.spyglass.advisory.source.rubysec;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/** rubysec/ruby-advisory-db: its {@code gems/} and {@code rubies/} trees, as a folder or a zip of the repository. */
public final class RubysecImporter implements Importer {
    private final FeedReader reader = new FeedReader("rubysec", n -> n.endsWith(".yml") || n.endsWith(".yaml"),
            RubysecParser::parse);

    @Override
    public String source() {
        return "rubysec";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
