package io.spyglass.advisory.source.kev;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import io.spyglass.advisory.source.InputFiles;
import java.nio.file.Path;
import java.util.List;

/** The KEV catalogue json; the data version is its {@code catalogVersion}. */
public final class KevImporter implements Importer {
    private final FeedReader reader = new FeedReader("kev", KevImporter::wanted, KevParser::parse);

    private static boolean wanted(String name) {
        return name.endsWith(".json") && !name.contains("schema");
    }

    @Override
    public String source() {
        return "kev";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        String[] version = {null};
        for (Path path : paths) InputFiles.walk(path, KevImporter::wanted, (name, bytes) -> {
            String v = KevParser.version(bytes, name);
            if (v != null && (version[0] == null || v.compareTo(version[0]) > 0)) version[0] = v;
        });
        return reader.read(paths, version[0]);
    }
}
