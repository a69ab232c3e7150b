package io.spyglass.catalog.walk;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * For walk tests on the corpus independent of the Java cataloger: each {@code .jar} file is a
 * package named after the file; it reads the whole content so streaming is exercised.
 */
final class JarNameCataloger implements Cataloger {
    @Override
    public String name() {
        return "jar-name-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        return entry.path().endsWith(".jar");
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        long n = content.transferTo(java.io.OutputStream.nullOutputStream());
        if (n != entry.size()) throw new IOException("read " + n + " of " + entry.size());
        return ParseResult.of(List.of(new Package(PackageType.MAVEN, entry.fileName(), null, null, null, null,
                List.of(), List.of(Location.of(entry.path())))));
    }
}
