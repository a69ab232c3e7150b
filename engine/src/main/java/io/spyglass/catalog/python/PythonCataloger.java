package io.spyglass.catalog.python;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO} and a
 * bare {@code *.egg-info} file (syft's python-installed-package-cataloger globs, either case).
 */
public final class PythonCataloger implements Cataloger {
    @Override
    public String name() {
        return "python-installed-package-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String path = entry.path().toLowerCase(Locale.ROOT);
        if (path.endsWith("egg-info")) return true;
        int slash = path.lastIndexOf('/');
        if (slash < 0) return false;
        String dir = path.substring(0, slash);
        String file = path.substring(slash + 1);
        return (file.equals("metadata") && dir.endsWith("dist-info"))
                || (file.equals("pkg-info") && dir.endsWith("egg-info"));
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return FileContent.guard(entry, () -> PythonMetadataParser.parse(entry.path(), FileContent.text(content)));
    }
}
