package io.spyglass.advisory.source.debian;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import io.spyglass.advisory.source.Parsed;
import java.nio.file.Path;

/**
 * The Debian security tracker: its json feed ({@code *.json}) and the DSA/DLA/DTSA {@code list}
 * files of the tracker repository. A CVE named by both merges into one record per CVE.
 */
public final class DebianImporter implements Importer {
    private final FeedReader reader = new FeedReader("debian", n -> n.equals("list") || n.endsWith(".json"),
            DebianImporter::parse, true);

    static Parsed parse(String file, byte[] bytes) {
        return file.endsWith("list") ? DebianListParser.parse(file, bytes) : DebianTrackerJsonParser.parse(file, bytes);
    }

    @Override
    public String source() {
        return "debian";
    }

    @Override
    public ImportResult read(Path path) {
        return reader.read(path, null);
    }
}
