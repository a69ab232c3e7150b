package io.spyglass.catalog.walk;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Symlinks that stand for their target, for the catalogers that ask ({@link Cataloger#followsSymlinks}):
 * Debian's node-lodash installs {@code /usr/share/nodejs/lodash-es/} with its own code but
 * {@code package.json -> ../lodash/package.json}; Node reads the manifest through the link, so
 * lodash-es is installed there as a package of the target's name and version. Runs once on the
 * final filesystem, so a link and its target may come from different layers.
 */
final class SymlinkedFiles {
    private static final int LINK_MODE = 0120777;

    private SymlinkedFiles() {}

    /** What each wanted link's target holds, relocated to the link's path; a link to nothing read is a warning. */
    static List<Node.Found> found(FileSystemState fs, List<Cataloger> catalogers, List<Layer> layers, List<Unknown> warnings) {
        List<Node.Found> out = new ArrayList<>();
        for (Map.Entry<String, Node.Link> e : fs.links().entrySet()) {
            String path = e.getKey();
            if (e.getValue().target() == null) continue; // leaves the root: the layer walker warned already
            FileEntry entry = new FileEntry(path, 0, LINK_MODE);
            for (int i = 0; i < catalogers.size(); i++) {
                Cataloger c = catalogers.get(i);
                if (!c.followsSymlinks() || !c.wants(entry)) continue;
                String target = fs.resolve(path);
                int linkLayer = e.getValue().layer();
                if (target == null) {
                    warnings.add(new Unknown(path, layers.get(linkLayer).digest().toString(), "symlink to '"
                            + e.getValue().target() + "' leads to no file that was read; its packages are not reported"));
                    continue;
                }
                for (Node.Found f : ((Node.File) fs.get(target)).found()) {
                    if (f.cataloger() != i) continue;
                    List<Location> moved = f.pkg().locations().stream()
                            .map(l -> l.path().equals(target) ? new Location(path, l.layer(), l.diffId()) : l).toList();
                    // the package is at the link's path once both the link and the target's content exist
                    out.add(new Node.Found(i, f.pkg().withLocations(moved), Math.max(linkLayer, f.originLayer())));
                }
            }
        }
        return out;
    }
}
