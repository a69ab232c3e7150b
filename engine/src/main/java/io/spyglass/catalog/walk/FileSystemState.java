package io.spyglass.catalog.walk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The final filesystem as far as the catalogers care: the files they read and the symlinks,
 * with each layer's changes applied in order (overlayfs rules, as the OCI image-spec "Changesets"
 * describes them). Whiteouts of a layer hide only lower layers, whatever their order in the tar.
 */
final class FileSystemState {
    private final TreeMap<String, Node> nodes = new TreeMap<>();

    /** One layer's changes, collected while its tar is read and applied when it ends. */
    static final class Changes {
        final int layer;
        final List<String> whiteouts = new ArrayList<>();
        final List<String> opaqueDirs = new ArrayList<>();
        final LinkedHashMap<String, Node> entries = new LinkedHashMap<>();

        Changes(int layer) {
            this.layer = layer;
        }
    }

    Node get(String path) {
        return nodes.get(path);
    }

    boolean hasAtOrBelow(String path) {
        if (nodes.containsKey(path)) return true;
        String next = nodes.ceilingKey(path + "/");
        return next != null && next.startsWith(path + "/");
    }

    void apply(Changes changes) {
        Map<String, Node> before = new HashMap<>();
        for (String path : changes.entries.keySet()) {
            Node lower = nodes.get(path);
            if (lower != null) before.put(path, lower);
        }
        for (String w : changes.whiteouts) {
            nodes.remove(w);
            below(w).clear();
        }
        for (String dir : changes.opaqueDirs) {
            (dir.isEmpty() ? nodes : below(dir)).clear();
        }
        for (Map.Entry<String, Node> e : changes.entries.entrySet()) {
            String path = e.getKey();
            Node node = e.getValue();
            if (node instanceof Node.Removed removed) {
                nodes.remove(path);
                if (removed.subtree()) below(path).clear();
                continue;
            }
            below(path).clear(); // a file or link replaces a lower directory and all under it
            if (node instanceof Node.File file && before.get(path) instanceof Node.File lower) {
                nodes.put(path, inherit(file, lower));
            } else {
                nodes.put(path, node);
            }
        }
    }

    /** Packages unchanged since a lower layer keep that layer as their origin. */
    private static Node.File inherit(Node.File file, Node.File lower) {
        Map<String, Integer> origins = new HashMap<>();
        for (Node.Found f : lower.found()) origins.putIfAbsent(f.identity(), f.originLayer());
        List<Node.Found> out = new ArrayList<>(file.found().size());
        for (Node.Found f : file.found()) {
            Integer origin = origins.get(f.identity());
            out.add(origin == null ? f : new Node.Found(f.cataloger(), f.pkg(), origin));
        }
        return file.withFound(out);
    }

    private NavigableMap<String, Node> below(String dir) {
        // '/' + 1 == '0': every key starting with "dir/" sorts in [dir/, dir0)
        return nodes.subMap(dir + "/", true, dir + "0", false);
    }

    /** Every file read, in path order. */
    Map<String, Node.File> files() {
        Map<String, Node.File> out = new LinkedHashMap<>();
        nodes.forEach((path, node) -> {
            if (node instanceof Node.File f) out.put(path, f);
        });
        return out;
    }

    /**
     * The file at {@code path} after following symlinks (in any component) inside the root,
     * or null when there is none or a link leaves the root or loops.
     */
    Node.File resolveFile(String path) {
        String resolved = resolve(path);
        return resolved == null ? null : (Node.File) nodes.get(resolved);
    }

    /** Every symlink of the final filesystem, in path order. */
    Map<String, Node.Link> links() {
        Map<String, Node.Link> out = new LinkedHashMap<>();
        nodes.forEach((path, node) -> {
            if (node instanceof Node.Link l) out.put(path, l);
        });
        return out;
    }

    /** The path of the file {@link #resolveFile} finds, or null. */
    String resolve(String path) {
        String current = path;
        for (int hops = 0; hops < 40 && current != null; hops++) {
            Node node = nodes.get(current);
            if (node instanceof Node.File) return current;
            if (node instanceof Node.Link link) {
                current = link.target();
                continue;
            }
            current = throughLinkedParent(current);
            if (current == null) return null;
        }
        return null;
    }

    private String throughLinkedParent(String path) {
        String parent = TarPaths.parent(path);
        while (!parent.isEmpty()) {
            if (nodes.get(parent) instanceof Node.Link link) {
                return link.target() == null ? null
                        : TarPaths.normalise(link.target() + "/" + path.substring(parent.length() + 1));
            }
            parent = TarPaths.parent(parent);
        }
        return null;
    }
}
