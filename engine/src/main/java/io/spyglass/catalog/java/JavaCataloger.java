package io.spyglass.catalog.java;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageStores;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Java archives ({@code .jar .war .ear .jpi .hpi}) and the archives nested in them, read as a
 * stream ({@link JavaArchiveParser}); packages come from {@code META-INF/maven/**}/pom.properties,
 * else from MANIFEST.MF; and an application's {@code gradle.lockfile} (not one inside an installed
 * package, see {@link PackageStores}).
 */
public final class JavaCataloger implements Cataloger {
    static final String GRADLE_LOCKFILE = "gradle.lockfile";
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
        return isArchiveName(entry.path())
                || (entry.fileName().equals(GRADLE_LOCKFILE) && !PackageStores.contains(entry.path()));
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        if (entry.fileName().equals(GRADLE_LOCKFILE)) {
            return FileContent.guard(entry, () -> GradleLockfileParser.parse(entry.path(), FileContent.text(content)));
        }
        return new JavaArchiveParser(limits).parse(entry.path(), content, entry.size());
    }

    /**
     * Archives win: a gradle.lockfile entry counts only when no archive in the image provides the
     * same group and artifact, so a built application and the lock file left beside its sources do
     * not report one library twice. An archive whose group is unknown (no purl) provides every group
     * of its artifact: the lock file's entry is the same library, named better, but not what ships.
     */
    @Override
    public List<Package> select(List<Package> found) {
        Set<String> archived = new HashSet<>();
        Set<String> archivedWithoutGroup = new HashSet<>();
        for (Package p : found) {
            if (fromLockfile(p)) continue;
            if (p.purl() == null) archivedWithoutGroup.add(p.name());
            else archived.add(coordinates(p));
        }
        return found.stream().filter(p -> !fromLockfile(p)
                || !archived.contains(coordinates(p)) && !archivedWithoutGroup.contains(p.name())).toList();
    }

    private static boolean fromLockfile(Package p) {
        String path = p.locations().isEmpty() ? "" : p.locations().get(0).path();
        return path.equals(GRADLE_LOCKFILE) || path.endsWith("/" + GRADLE_LOCKFILE);
    }

    /** The purl without its version: pkg:maven/group/artifact. */
    private static String coordinates(Package p) {
        int at = p.purl().lastIndexOf('@');
        return at < 0 ? p.purl() : p.purl().substring(0, at);
    }

    static boolean isArchiveName(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".jar") || p.endsWith(".war") || p.endsWith(".ear") || p.endsWith(".jpi") || p.endsWith(".hpi");
    }
}
