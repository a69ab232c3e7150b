package io.spyglass.catalog.rpm;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * rpm packages from the rpm database in any of its three formats (SQLite, BerkeleyDB hash, NDB),
 * under {@code var/lib/rpm}, {@code usr/lib/sysimage/rpm} or {@code usr/share/rpm} (syft's globs).
 * The format is told by the file's signature, not its name. A corrupt database becomes an
 * {@link Unknown} naming the file; the headers read before the damage are kept.
 */
public final class RpmCataloger implements Cataloger {
    private static final Set<String> DIRS = Set.of("/var/lib/rpm/", "/usr/lib/sysimage/rpm/", "/usr/share/rpm/");
    private static final Set<String> FILES = Set.of("Packages", "Packages.db", "rpmdb.sqlite");
    /** Far larger than any real database (a full RHEL install is ~100 MB of BerkeleyDB). */
    private static final long MAX_DB_BYTES = 2L << 30;
    /** A real system has a few thousand packages. */
    private static final int MAX_HEADERS = 200_000;
    /** After this many bad headers in one file, the rest are counted, not listed. */
    private static final int MAX_LISTED_UNKNOWNS = 20;

    @Override
    public String name() {
        return "rpm-db-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String path = "/" + entry.path();
        int slash = path.lastIndexOf('/');
        if (!FILES.contains(path.substring(slash + 1))) return false;
        String dir = path.substring(0, slash + 1);
        return DIRS.stream().anyMatch(dir::endsWith);
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        String path = entry.path();
        List<Package> packages = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        int[] badHeaders = {0};
        try (SpooledFile db = SpooledFile.copy(content, entry.fileName(), MAX_DB_BYTES)) {
            format(db).read(db, blob -> {
                if (packages.size() + badHeaders[0] >= MAX_HEADERS) {
                    throw new CorruptRpmDbException("more than " + MAX_HEADERS + " headers");
                }
                try {
                    RpmHeader header = RpmHeader.parse(blob);
                    if (!"gpg-pubkey".equals(header.name())) packages.add(RpmPackages.of(path, header));
                } catch (CorruptRpmDbException | IllegalArgumentException e) {
                    if (++badHeaders[0] <= MAX_LISTED_UNKNOWNS) unknowns.add(new Unknown(path, null, ParseProblem.describe(e)));
                }
            });
        } catch (CorruptRpmDbException e) {
            unknowns.add(new Unknown(path, null, "rpm database: " + ParseProblem.describe(e)));
        }
        if (badHeaders[0] > MAX_LISTED_UNKNOWNS) {
            unknowns.add(new Unknown(path, null, badHeaders[0] + " rpm headers could not be read in all"));
        }
        return new ParseResult(packages, unknowns);
    }

    /**
     * rpm reads one backend per database folder; a BerkeleyDB or NDB file left beside an
     * {@code rpmdb.sqlite} (after {@code rpmdb --rebuilddb} converted it) is stale, so only the
     * SQLite packages of that folder count.
     */
    @Override
    public List<Package> select(List<Package> found) {
        Set<String> sqliteDirs = new HashSet<>();
        for (Package p : found) {
            String path = firstPath(p);
            if (path.endsWith("rpmdb.sqlite")) sqliteDirs.add(dir(path));
        }
        if (sqliteDirs.isEmpty()) return found;
        return found.stream().filter(p -> firstPath(p).endsWith("rpmdb.sqlite") || !sqliteDirs.contains(dir(firstPath(p)))).toList();
    }

    private static String firstPath(Package p) {
        return p.locations().isEmpty() ? "" : p.locations().get(0).path();
    }

    private static String dir(String path) {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    private static HeaderBlobs format(SpooledFile db) throws IOException, CorruptRpmDbException {
        byte[] head = db.read(0, (int) Math.min(16, db.size()));
        if (SqlitePackagesDb.matches(head)) return new SqlitePackagesDb();
        if (NdbPackagesDb.matches(head)) return new NdbPackagesDb();
        if (BerkeleyHashDb.byteOrder(head) != null) return new BerkeleyHashDb();
        throw new CorruptRpmDbException("not an rpm database (no SQLite, BerkeleyDB hash or NDB signature)");
    }
}
