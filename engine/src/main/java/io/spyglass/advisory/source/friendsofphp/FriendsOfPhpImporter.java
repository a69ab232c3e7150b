package io.spyglass.advisory.source.friendsofphp;

import io.spyglass.advisory.source.FeedReader;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import java.nio.file.Path;
import java.util.List;

/** FriendsOfPHP/security-advisories: {@code <vendor>/<package>/<id>.yaml}, as a folder or a zip of the repository. */
public final class FriendsOfPhpImporter implements Importer {
    private final FeedReader reader = new FeedReader("friendsofphp", n -> n.endsWith(".yaml") || n.endsWith(".yml"),
            FriendsOfPhpParser::parse);

    @Override
    public String source() {
        return "friendsofphp";
    }

    @Override
    public ImportResult read(List<Path> paths) {
        return reader.read(paths, null);
    }
}
