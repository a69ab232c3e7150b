package io.spyglass.catalog.ruby;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.PackageStores;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ruby gems: the {@code specifications/**}/*.gemspec files RubyGems writes for each installed gem
 * (default gems sit in {@code specifications/default/}), and an application's {@code Gemfile.lock}: one
 * inside an installed package ({@link PackageStores}, e.g. a gem's own development lock) is not read.
 */
public final class RubyCataloger implements Cataloger {
    /** Installed gemspecs are generated and small; a larger one is not a stub spec. */
    private static final int MAX_GEMSPEC_BYTES = 4 * 1024 * 1024;

    @Override
    public String name() {
        return "ruby-gem-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String path = "/" + entry.path();
        return (entry.fileName().equals("Gemfile.lock") && !PackageStores.contains(entry.path()))
                || (path.endsWith(".gemspec") && path.contains("/specifications/"));
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return FileContent.guard(entry, () -> entry.fileName().equals("Gemfile.lock")
                ? GemfileLockParser.parse(entry.path(), FileContent.text(content))
                : GemspecParser.parse(entry.path(), FileContent.text(content, MAX_GEMSPEC_BYTES)));
    }
}
