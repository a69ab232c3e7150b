package io.spyglass.catalog.python;

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
 * Installed Python distributions: {@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO} and a
 * bare {@code *.egg-info} file (syft's python-installed-package-cataloger globs, either case); and the
 * lock files {@code Pipfile.lock} and {@code pdm.lock} of an application (not those inside an installed
 * package, see {@link PackageStores}).
 */
public final class PythonCataloger implements Cataloger {
    @Override
    public String name() {
        return "python-installed-package-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        if (PythonLockParser.isLockFile(entry.fileName())) return !PackageStores.contains(entry.path());
        String path = entry.path().toLowerCase(Locale.ROOT);
        if (path.endsWith("egg-info")) return onSitePath(path);
        int slash = path.lastIndexOf('/');
        if (slash < 0) return false;
        String dir = path.substring(0, slash);
        String file = path.substring(slash + 1);
        return ((file.equals("metadata") && dir.endsWith("dist-info"))
                || (file.equals("pkg-info") && dir.endsWith("egg-info"))) && onSitePath(dir);
    }

    /**
     * Python finds distributions only directly in a {@code sys.path} folder: in a site folder,
     * {@code site-packages/x.dist-info}. A {@code .dist-info} deeper down
     * ({@code site-packages/setuptools/_vendor/packaging-24.2.dist-info}) is a copy vendored inside
     * another package or test data, not an installed distribution. An egg ({@code x.egg/EGG-INFO}) is
     * its own path entry. Outside site folders ({@code pip install --target /app/deps}) nothing is
     * known about sys.path, and every metadata folder counts.
     */
    static boolean onSitePath(String metadata) {
        String p = "/" + metadata;
        int site = Math.max(p.lastIndexOf("/site-packages/"), p.lastIndexOf("/dist-packages/"));
        if (site < 0) return true;
        String below = p.substring(p.indexOf('/', site + 1) + 1);
        String[] parts = below.split("/");
        return parts.length == 1 || (parts.length == 2 && parts[0].endsWith(".egg") && parts[1].equals("egg-info"));
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        String path = entry.path();
        return FileContent.guard(entry, () -> switch (entry.fileName()) {
            case "Pipfile.lock" -> PythonLockParser.pipfileLock(path, FileContent.json(content));
            case "pdm.lock" -> PythonLockParser.pdmLock(path, FileContent.toml(FileContent.text(content)));
            default -> PythonMetadataParser.parse(path, FileContent.text(content));
        });
    }

    /**
     * Installed distributions win: a lock-file entry counts only when no distribution of that
     * (normalised) name is installed anywhere in the image, so one package is not reported twice,
     * perhaps at two versions, while what only a lock file names is still reported.
     */
    @Override
    public List<Package> select(List<Package> found) {
        Set<String> installed = new HashSet<>();
        for (Package p : found) if (!fromLockFile(p)) installed.add(p.name());
        return found.stream().filter(p -> !fromLockFile(p) || !installed.contains(p.name())).toList();
    }

    private static boolean fromLockFile(Package p) {
        String path = p.locations().isEmpty() ? "" : p.locations().get(0).path();
        return PythonLockParser.isLockFile(path.substring(path.lastIndexOf('/') + 1));
    }
}
