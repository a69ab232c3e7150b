package io.spyglass.catalog.npm;

import io.spyglass.catalog.PackageStores;
import java.util.regex.Pattern;

/**
 * Where Debian installs node modules without any {@code node_modules} folder: the pkg-js team's
 * layout puts an arch-independent module at {@code /usr/share/nodejs/<name>}, a module with a
 * native addon at {@code /usr/lib/<multiarch triplet>/nodejs/<name>}, and older packages used
 * {@code /usr/lib/nodejs/<name>}. Node's own search path lists these folders, so each module there
 * is installed as surely as one inside {@code node_modules}; syft and trivy report them too.
 *
 * <p>Only the manifest of a module folder directly under a root counts ({@code <root>/<name>/} or
 * {@code <root>/@scope/<name>/}): Debian modules ship many other package.json files deeper down
 * ({@code @babel/core/lib/package.json} is {@code {"type": "script"}}, a CJS/ESM switch), and those
 * are no packages. A {@code node_modules} folder inside a module is handled by the usual rule.
 */
final class DebianNodeRoots {
    private static final Pattern ROOT = Pattern.compile(PackageStores.DEBIAN_NODE_ROOT);

    private DebianNodeRoots() {}

    /** True for {@code <root>/<name>/package.json} and {@code <root>/@scope/<name>/package.json}; paths have no leading slash. */
    static boolean isModuleManifest(String path) {
        if (!path.endsWith("/package.json")) return false;
        String moduleDir = parent(path);
        String name = fileName(moduleDir);
        if (name.isEmpty() || name.startsWith("@")) return false; // a scope folder is not a module
        String above = parent(moduleDir);
        if (isRoot(above)) return true;
        return fileName(above).startsWith("@") && isRoot(parent(above));
    }

    private static boolean isRoot(String dir) {
        return ROOT.matcher(dir).matches();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
