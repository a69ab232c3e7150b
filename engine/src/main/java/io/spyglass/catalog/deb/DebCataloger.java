package io.spyglass.catalog.deb;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Debian packages from the dpkg database: {@code var/lib/dpkg/status} and the distroless
 * {@code var/lib/dpkg/status.d/<pkg>} files (one or more stanzas each), at any depth, as syft's
 * {@code **}{@code /lib/dpkg/status} and {@code **}{@code /lib/dpkg/status.d/*} globs do.
 */
public final class DebCataloger implements Cataloger {
    /** dpkg control files that distroless images keep beside the status stanzas; not stanzas. */
    private static final Set<String> CONTROL_SUFFIXES = Set.of(
            ".md5sums", ".preinst", ".postinst", ".prerm", ".postrm", ".conffiles", ".list",
            ".shlibs", ".symbols", ".triggers", ".templates", ".config");

    @Override
    public String name() {
        return "dpkg-db-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String path = "/" + entry.path();
        if (path.endsWith("/lib/dpkg/status")) return true;
        int slash = path.lastIndexOf('/');
        if (!path.substring(0, slash).endsWith("/lib/dpkg/status.d")) return false;
        String file = path.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        return !file.isEmpty() && (dot < 0 || !CONTROL_SUFFIXES.contains(file.substring(dot)));
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return new DpkgStatusParser(entry.path()).parse(content);
    }
}
