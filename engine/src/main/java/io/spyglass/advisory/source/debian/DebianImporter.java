package io.spyglass.advisory.source.debian;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import io.spyglass.advisory.source.Parsed;
import java.nio.file.Path;
import java.util.List;

/**
 * The Debian security tracker: its json feed ({@code *.json}) and the DSA/DLA/DTSA {@code list}
 * files of the tracker repository. A CVE named by both merges into one record per CVE.
 */
public final class DebianImporter implements Importer {
    private final FeedReader reader = new FeedReader("debian", DebianImporter::wanted,
            DebianImporter::parse, true);

    // the tracker repository names them data/DSA/list; copies are often named DSA or DLA (not "dtsa": that is the repository's script)
    private static boolean isList(String name) {
        return name.equals("list") || name.equals("dsa") || name.equals("dla");
    }

    private static boolean wanted(String name) {
        return isList(name) || name.endsWith(".json");
    }

    static Parsed parse(String file, byte[] bytes) {
        String base = file.substring(file.replace('\\', '/').lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return isList(base) ? DebianListParser.parse(file, bytes) : DebianTrackerJsonParser.parse(file, bytes);
    }

    @Override
    public String source() {
        return "debian";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
