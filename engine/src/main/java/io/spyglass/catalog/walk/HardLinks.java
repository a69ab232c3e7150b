package io.spyglass.catalog.walk;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import java.util.ArrayList;
import java.util.List;

/** Copies what was found in a hard link's target to the link's own path. */
final class HardLinks {
    private HardLinks() {}

    static Node.File relocate(Node.File file, String from, String to, int layer) {
        List<Node.Found> found = new ArrayList<>();
        for (Node.Found f : file.found()) {
            List<Location> locations = f.pkg().locations().stream().map(l -> move(l, from, to)).toList();
            Package moved = f.pkg().withLocations(locations);
            found.add(new Node.Found(f.cataloger(), moved, layer));
        }
        List<Unknown> unknowns = file.unknowns().stream()
                .map(u -> new Unknown(move(u.path(), from, to), u.layer(), u.message())).toList();
        return new Node.File(layer, found, unknowns, file.distroContent());
    }

    private static Location move(Location l, String from, String to) {
        return new Location(move(l.path(), from, to), l.layer(), l.diffId());
    }

    private static String move(String path, String from, String to) {
        if (path == null) return null;
        return path.equals(from) || path.startsWith(from + ":") || path.startsWith(from + "/")
                ? to + path.substring(from.length()) : path;
    }
}
