package io.spyglass.catalog.golang;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageStores;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Go modules: build info embedded in Go binaries (every executable file, scanned as a stream for
 * Go's build-info magic, so ELF, PE and Mach-O all work), and {@code go.mod} files outside installed
 * packages ({@link PackageStores}: the module cache, Debian's {@code /usr/share/gocode}, a Go toolchain).
 *
 * <p>Rule across files: an image that ships Go binaries is described by their build info, which
 * is what was compiled; any {@code go.mod} is then source left behind and is not counted. Only an
 * image in which no binary names a module counts its {@code go.mod} files.
 */
public final class GoCataloger implements Cataloger {
    /** Larger executables are not scanned (the biggest real Go binaries are a few hundred MB). */
    static final long MAX_BINARY_BYTES = 1024L * 1024 * 1024;
    /** Smaller files cannot hold a Go runtime. */
    static final long MIN_BINARY_BYTES = 1024;

    @Override
    public String name() {
        return "go-module-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        if (entry.fileName().equals("go.mod")) return !PackageStores.contains(entry.path());
        String name = entry.fileName().toLowerCase(Locale.ROOT);
        boolean executable = entry.isExecutable() || name.endsWith(".exe");
        // an executable jar is the Java cataloger's; one file goes to one cataloger where it can
        boolean archive = name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear")
                || name.endsWith(".jpi") || name.endsWith(".hpi");
        return executable && !archive && entry.size() >= MIN_BINARY_BYTES && entry.size() <= MAX_BINARY_BYTES;
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        if (entry.fileName().equals("go.mod")) {
            return FileContent.guard(entry, () -> GoModParser.parse(entry.path(), FileContent.text(content)));
        }
        return GoBinaryParser.parse(entry.path(), content);
    }

    @Override
    public List<Package> select(List<Package> found) {
        boolean binariesNameModules = found.stream()
                .anyMatch(p -> !isFromGoMod(p) && !p.name().equals(GoPackages.STDLIB));
        if (!binariesNameModules) return found;
        return found.stream().filter(p -> !isFromGoMod(p)).toList();
    }

    private static boolean isFromGoMod(Package p) {
        String path = p.locations().isEmpty() ? "" : p.locations().get(0).path();
        return path.equals("go.mod") || path.endsWith("/go.mod");
    }
}
