package io.spyglass.catalog.dotnet;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.PackageStores;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * .NET NuGet packages: {@code *.deps.json} (what a built application loads), and a project's
 * {@code packages.lock.json} and {@code packages.config} unless they sit inside an installed package
 * ({@link PackageStores}, e.g. NuGet's global packages folder).
 */
public final class DotnetCataloger implements Cataloger {
    @Override
    public String name() {
        return "dotnet-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String name = entry.fileName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".deps.json")) return true;
        return (name.equals("packages.lock.json") || name.equals("packages.config")) && !PackageStores.contains(entry.path());
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
