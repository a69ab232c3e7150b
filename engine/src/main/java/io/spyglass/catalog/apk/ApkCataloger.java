package io.spyglass.catalog.apk;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;

/** Alpine packages from apk's database {@code lib/apk/db/installed} (syft: {@code **}{@code /lib/apk/db/installed}). */
public final class ApkCataloger implements Cataloger {

    @Override
    public String name() {
        return "apk-db-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        return ("/" + entry.path()).endsWith("/lib/apk/db/installed");
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return new ApkDbParser(entry.path()).parse(content);
    }
}
