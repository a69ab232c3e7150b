package io.spyglass.catalog.walk;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.DistroDetector;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.source.BlobDigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one layer's tar once and turns it into {@link FileSystemState.Changes}: whiteouts, links,
 * and the packages found in the files catalogers want. A failure of the layer stream (truncated,
 * bomb) ends the layer; what was read before it is kept and the failure names file and layer.
 * The layers below are applied already: an entry replaces something only when there is something.
 */
final class LayerWalker {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final List<Cataloger> catalogers;
    private final FileSystemState lower;
    private final FileSystemState.Changes changes;
    private final String layerName;
    private final int maxBuffered;
    private final List<Unknown> warnings;
    private String current;

    LayerWalker(List<Cataloger> catalogers, FileSystemState lower, int layer, String layerName,
                int maxBuffered, List<Unknown> warnings) {
        this.catalogers = catalogers;
        this.lower = lower;
        this.changes = new FileSystemState.Changes(layer);
        this.layerName = layerName;
        this.maxBuffered = maxBuffered;
        this.warnings = warnings;
    }

    /** Reads the whole tar; the changes read before a failure are kept. */
    FileSystemState.Changes walk(InputStream tarStream) {
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                current = entry.getName();
                visit(entry, tar);
            }
            current = null;
            // read to the end: gzip checks its trailer only there, and a digesting source verifies the blob
            tarStream.transferTo(OutputStreamSink.INSTANCE);
        } catch (BlobDigestMismatchException e) {
            // a tampered or corrupt blob: everything read from it is dropped, not just what follows
            warnings.add(new Unknown("", layerName, Unknown.LAYER_IGNORED + ": " + ParseProblem.describe(e)));
            changes.entries.clear();
            changes.whiteouts.clear();
            changes.opaqueDirs.clear();
        } catch (IOException | RuntimeException e) {
            String where = current == null ? "" : " while reading " + current;
            warnings.add(new Unknown(current == null ? "" : current, layerName,
                    Unknown.LAYER_UNREADABLE + where + ": " + ParseProblem.describe(e) + "; files after this point in the layer are missing"));
        }
        return changes;
    }

    private boolean replacesLower(String path, boolean subtree) {
        return subtree ? lower.hasAtOrBelow(path) : lower.get(path) != null;
    }

    /** This layer's entry at {@code path} replaces whatever a lower layer has there ({@code subtree}: and below it). */
    private void replaceLower(String path, boolean subtree) {
        if (replacesLower(path, subtree)) changes.entries.put(path, new Node.Removed(subtree));
    }

    private void visit(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException {
        String path = TarPaths.normalise(entry.getName());
        if (path == null) {
            warn(entry.getName(), "entry path leaves the image root; skipped");
            return;
        }
        if (path.isEmpty()) return;
        String name = TarPaths.fileName(path);
        if (name.startsWith(WHITEOUT)) {
            String dir = TarPaths.parent(path);
            if (name.equals(OPAQUE)) {
                changes.opaqueDirs.add(dir);
            } else {
                changes.whiteouts.add(dir.isEmpty() ? name.substring(WHITEOUT.length()) : dir + "/" + name.substring(WHITEOUT.length()));
            }
            return;
        }
        if (entry.isSymbolicLink()) {
            String target = TarPaths.symlinkTarget(path, entry.getLinkName());
            if (target == null) warn(path, "symlink to '" + entry.getLinkName() + "' leaves the image root; not followed");
            changes.entries.put(path, new Node.Link(target, changes.layer));
        } else if (entry.isLink()) {
            hardLink(path, entry);
        } else if (entry.isDirectory()) {
            replaceLower(path, false);
        } else if (entry.isFile()) {
            file(path, entry, tar);
        } else {
            replaceLower(path, true); // device, fifo: replaces what was there
        }
    }

    private void file(String path, TarArchiveEntry entry, InputStream tar) throws IOException {
        FileEntry fileEntry = new FileEntry(path, entry.getSize(), entry.getMode());
        List<Integer> wanting = new ArrayList<>();
        for (int i = 0; i < catalogers.size(); i++) {
            if (catalogers.get(i).wants(fileEntry)) wanting.add(i);
        }
        boolean release = DistroDetector.wants(path) && entry.getSize() <= DistroDetector.MAX_SIZE;
        if (wanting.isEmpty() && !release) {
            replaced(path);
            return;
        }
        int buffer = release ? Math.max(maxBuffered, DistroDetector.MAX_SIZE) : maxBuffered;
        List<Node.Found> found = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        try (FileContent content = FileContent.read(tar, entry.getSize(), wanting.size(), buffer)) {
            for (int i : wanting) parse(i, fileEntry, content, found, unknowns);
            byte[] releaseBytes = release ? content.bytes() : null;
            changes.entries.put(path, new Node.File(changes.layer, found, unknowns, releaseBytes));
        }
    }

    private void parse(int index, FileEntry entry, FileContent content, List<Node.Found> found, List<Unknown> unknowns)
            throws IOException {
        Cataloger cataloger = catalogers.get(index);
        try (InputStream in = content.open()) {
            ParseResult result = cataloger.parse(entry, in);
            result.packages().forEach(p -> found.add(new Node.Found(index, p, changes.layer)));
            result.unknowns().forEach(u -> unknowns.add(u.withLayer(layerName)));
        } catch (IOException | RuntimeException e) {
            if (content.streamFailed() && e instanceof IOException io) {
                throw io; // the layer stream itself failed, not this cataloger
            }
            unknowns.add(new Unknown(entry.path(), layerName, cataloger.name() + " failed: " + ParseProblem.describe(e)));
        }
    }

    /** A file nobody reads replaces this layer's earlier entry at {@code path} and anything below. */
    private void replaced(String path) {
        if (changes.entries.containsKey(path)) {
            changes.entries.put(path, new Node.Removed(true));
        } else {
            replaceLower(path, true);
        }
    }

    /** A hard link shares the content of an earlier entry, which was read under its own name. */
    private void hardLink(String path, TarArchiveEntry entry) {
        String target = TarPaths.normalise(entry.getLinkName());
        if (target == null) {
            warn(path, "hard link to '" + entry.getLinkName() + "' leaves the image root; not followed");
            return;
        }
        // a target this layer has but nobody read is no file: recorded as removed, or absent here and below
        Node node = changes.entries.containsKey(target) ? changes.entries.get(target) : lower.get(target);
        if (node instanceof Node.File file) {
            changes.entries.put(path, HardLinks.relocate(file, target, path, changes.layer));
        } else if (wantedByAny(path, entry) && !(node instanceof Node.Link)) {
            warn(path, "hard link to '" + target + "', which was not read; its packages are not reported");
        } else {
            replaced(path);
        }
    }

    private boolean wantedByAny(String path, TarArchiveEntry entry) {
        FileEntry fe = new FileEntry(path, entry.getSize(), entry.getMode());
        return catalogers.stream().anyMatch(c -> c.wants(fe));
    }

    private void warn(String path, String message) {
        warnings.add(new Unknown(path, layerName, message));
    }
}
