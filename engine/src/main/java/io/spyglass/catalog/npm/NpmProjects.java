package io.spyglass.catalog.npm;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cross-file rule. A project folder is the folder holding a lock file, or the folder above
 * the first {@code node_modules} of an installed package. Where a project has installed packages,
 * they are the truth and its lock files are ignored (a lock file may list packages that were never
 * installed, or pruned). Elsewhere the lock files count; the same name@version from two lock files
 * of one folder (package-lock.json and yarn.lock) is one package with two locations.
 */
final class NpmProjects {
    private NpmProjects() {}

    static List<Package> select(List<Package> found) {
        Set<String> installedProjects = new HashSet<>();
        for (Package p : found) {
            if (isInstalled(p)) installedProjects.add(project(path(p)));
        }
        List<Package> out = new ArrayList<>();
        Map<String, Package> fromLocks = new LinkedHashMap<>();
        for (Package p : found) {
            if (isInstalled(p)) {
                out.add(p);
                continue;
            }
            String project = project(path(p));
            if (installedProjects.contains(project)) continue;
            fromLocks.merge(project + "\n" + p.purl(), p, NpmProjects::mergeLocations);
        }
        out.addAll(fromLocks.values());
        return out;
    }

    private static Package mergeLocations(Package a, Package b) {
        List<Location> all = new ArrayList<>(a.locations());
        b.locations().stream().filter(l -> !all.contains(l)).forEach(all::add);
        return a.withLocations(all);
    }

    private static boolean isInstalled(Package p) {
        return path(p).endsWith("/package.json") || path(p).equals("package.json");
    }

    private static String path(Package p) {
        return p.locations().isEmpty() ? "" : p.locations().get(0).path();
    }

    /** {@code app/node_modules/a/node_modules/b/package.json} and {@code app/yarn.lock} → {@code app}. */
    static String project(String path) {
        String p = "/" + path;
        int nm = p.indexOf("/" + NpmPackages.NODE_MODULES + "/");
        String dir = nm >= 0 ? p.substring(0, nm) : p.substring(0, p.lastIndexOf('/'));
        return dir.startsWith("/") ? dir.substring(1) : dir;
    }
}
