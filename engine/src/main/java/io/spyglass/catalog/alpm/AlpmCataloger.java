package io.spyglass.catalog.alpm;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;

/**
 * Arch Linux packages from pacman's local database: one {@code var/lib/pacman/local/<name>-<version>/desc}
 * per installed package (syft: {@code **}{@code /var/lib/pacman/local/*}{@code /desc}).
 */
public final class AlpmCataloger implements Cataloger {
    private static final String DB = "/var/lib/pacman/local/";

    @Override
    public String name() {
        return "alpm-db-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String path = "/" + entry.path();
        if (!path.endsWith("/desc")) return false;
        String dir = path.substring(0, path.length() - "/desc".length());
        int slash = dir.lastIndexOf('/');
        return slash > 0 && slash < dir.length() - 1 && dir.substring(0, slash + 1).endsWith(DB);
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return AlpmDescParser.parse(entry.path(), content);
    }
}
