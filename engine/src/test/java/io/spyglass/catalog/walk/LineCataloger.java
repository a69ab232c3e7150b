package io.spyglass.catalog.walk;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny real cataloger for walk tests: files named {@code *.pkgs} hold "name version" lines,
 * each an OS package (type deb, so purl qualification applies); a line "FAIL" is a parse error.
 */
final class LineCataloger implements Cataloger {
    @Override
    public String name() {
        return "line-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        return entry.path().endsWith(".pkgs");
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        List<Package> out = new ArrayList<>();
        for (String line : new String(content.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            if (line.equals("FAIL")) throw new IllegalStateException("corrupt line in " + entry.path());
            String[] parts = line.trim().split(" ");
            out.add(new Package(PackageType.DEB, parts[0], parts[1], "pkg:deb/debian/" + parts[0] + "@" + parts[1] + "?arch=amd64",
                    null, null, List.of(), List.of(Location.of(entry.path()))));
        }
        return ParseResult.of(out);
    }
}
