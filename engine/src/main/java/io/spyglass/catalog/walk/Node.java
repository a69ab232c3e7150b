package io.spyglass.catalog.walk;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import java.util.List;

/** What the walk remembers about one path of the filesystem: only files read and links. */
sealed interface Node {

    /** A file some cataloger (or the distro detector) read, with what was found in it. */
    record File(int layer, List<Found> found, List<Unknown> unknowns, byte[] distroContent) implements Node {
        public File {
            found = List.copyOf(found);
            unknowns = List.copyOf(unknowns);
        }

        File withFound(List<Found> newFound) {
            return new File(layer, newFound, unknowns, distroContent);
        }
    }

    /** A symlink made in {@code layer}; {@code target} is root-relative, or null when the link leaves the root. */
    record Link(String target, int layer) implements Node {}

    /**
     * A path whose older version was replaced by something the walk does not keep; with
     * {@code subtree} (a file replacing a directory) everything below it goes too.
     */
    record Removed(boolean subtree) implements Node {}

    /**
     * One package found by cataloger number {@code cataloger}; {@code originLayer} is the layer
     * where this package (same identity, same path) first appeared.
     */
    record Found(int cataloger, Package pkg, int originLayer) {
        String identity() {
            String path = pkg.locations().isEmpty() ? "" : pkg.locations().get(0).path();
            return pkg.type() + "\0" + pkg.name() + "\0" + pkg.version() + "\0" + pkg.purl() + "\0" + path;
        }
    }
}
