package io.spyglass.catalog.dotnet;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** .NET NuGet packages: {@code *.deps.json}, {@code packages.lock.json}, {@code packages.config}. */
public final class DotnetCataloger implements Cataloger {
    @Override
    public String name() {
        return "dotnet-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String name = entry.fileName().toLowerCase(Locale.ROOT);
        return name.endsWith(".deps.json") || name.equals("packages.lock.json") || name.equals("packages.config");
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        String name = entry.fileName().toLowerCase(Locale.ROOT);
        String path = entry.path();
        return FileContent.guard(entry, () -> {
            if (name.endsWith(".deps.json")) return DepsJsonParser.parse(path, FileContent.json(content));
            if (name.equals("packages.lock.json")) return PackagesLockParser.parse(path, FileContent.json(content));
            return PackagesConfigParser.parse(path, FileContent.text(content));
        });
    }
}
