package io.spyglass.catalog.walk;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths of tar entries, made relative to the image root. A path that climbs above the root with
 * {@code ..} is refused (null), never clamped: it would otherwise land on some other file.
 */
final class TarPaths {
    private TarPaths() {}

    /**
     * Strips leading {@code ./} and {@code /}, folds {@code .} and {@code ..}; returns "" for the
     * root itself and null when the path escapes the root.
     */
    static String normalise(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) return null;
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Where a symlink at {@code linkPath} pointing to {@code target} leads, relative to the root,
     * or null when it leaves the root. An absolute target is taken from the image root, as the
     * container sees it.
     */
    static String symlinkTarget(String linkPath, String target) {
        if (target.startsWith("/")) return normalise(target);
        return normalise(parent(linkPath) + "/" + target);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
