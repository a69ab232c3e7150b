package io.spyglass.catalog.java;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Java archives ({@code .jar .war .ear .jpi .hpi}) and the archives nested in them, read as a
 * stream ({@link JavaArchiveParser}); packages come from {@code META-INF/maven/**}/pom.properties,
 * else from MANIFEST.MF.
 */
public final class JavaCataloger implements Cataloger {
    private final ArchiveLimits limits;

    public JavaCataloger() {
        this(ArchiveLimits.DEFAULT);
    }

    JavaCataloger(ArchiveLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return "java-archive-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        return isArchiveName(entry.path());
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return new JavaArchiveParser(limits).parse(entry.path(), content);
    }

    static boolean isArchiveName(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".jar") || p.endsWith(".war") || p.endsWith(".ear") || p.endsWith(".jpi") || p.endsWith(".hpi");
    }
}
