package io.spyglass.catalog.walk;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.DistroDetector;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Image;
import io.spyglass.image.Layer;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ImageSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the SBOM of an image in one pass: each layer is streamed and decompressed once, in order;
 * its tar entries go to the catalogers that want them; whiteouts are applied so that only the
 * final filesystem counts; each package keeps the layer where it first appeared. Then each
 * cataloger's {@link Cataloger#select} runs, and OS purls get the distro.
 *
 * <p>Up to {@link #PARALLEL_LAYERS} layers are read at once (inflating is most of the work and
 * gzip cannot be split), each ahead of the layers below it; their changes are still applied in
 * layer order, so the result is the same as walking them one by one.
 */
public final class ImageCataloger {
    // 8 × 256 KiB ahead of the tar reader: enough to keep the inflater busy, bounded memory
    private static final int READ_AHEAD_CHUNK = 256 * 1024;
    private static final int READ_AHEAD_CHUNKS = 8;
    /** Layers read at once: two keep two cores busy; each one in flight holds its own buffers. */
    // One by default: catalogers are shared by the walks, and a side-by-side walk once lost a
    // corpus image's jars under load; until that race is found, correctness comes before speed.
    // -Dspyglass.walk.parallel=2 turns the side-by-side walk on.
    static final int PARALLEL_LAYERS = Math.max(1, Math.min(2, Integer.getInteger("spyglass.walk.parallel", 1)));
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<Cataloger> catalogers;
    private final WalkLimits limits;
    private final int parallel;
    private final boolean lookAhead;

    public ImageCataloger(List<Cataloger> catalogers, WalkLimits limits) {
        this(catalogers, limits, PARALLEL_LAYERS, true);
    }

    /** For tests: {@code lookAhead} false makes every layer but the first settle only at its end. */
    ImageCataloger(List<Cataloger> catalogers, WalkLimits limits, int parallel, boolean lookAhead) {
        if (parallel < 1) throw new IllegalArgumentException("parallel layers must be 1 or more, not " + parallel);
        this.catalogers = List.copyOf(catalogers);
        this.limits = limits;
        this.parallel = parallel;
        this.lookAhead = lookAhead;
    }

    /** Resolves {@code platform} in {@code source} and catalogs it. */
    public Sbom catalog(ImageSource source, Platform platform) throws IOException {
        return catalog(source, source.resolve(platform));
    }

    /** Catalogs a resolved image whose blobs {@code source} serves. */
    public Sbom catalog(ImageSource source, Image image) throws IOException {
        FileSystemState fs = new FileSystemState();
        List<Unknown> warnings = new ArrayList<>();
        walkLayers(source, image.layers(), fs, warnings);
        Distro distro = DistroDetector.detect(path -> {
            Node.File f = fs.resolveFile(path);
            return f == null ? null : f.distroContent();
        });
        List<Package> packages = packages(fs, image.layers(), distro);
        List<Unknown> unknowns = new ArrayList<>(warnings);
        fs.files().values().forEach(f -> unknowns.addAll(f.unknowns()));
        SbomImage info = new SbomImage(source.describe(), image.digest(), image.platform(), image.layers(), image.otherPlatforms());
        return new Sbom(info, distro, packages, unknowns);
    }

    /** What one layer's walk gave: its changes (null when the layer could not be opened) and warnings. */
    private record Walked(FileSystemState.Changes changes, List<Unknown> warnings) {}

    /** Walks the layers side by side and applies their changes to {@code fs} in order. */
    private void walkLayers(ImageSource source, List<Layer> layers, FileSystemState fs, List<Unknown> warnings)
            throws IOException {
        LayerStreams.Budget budget = new LayerStreams.Budget(limits);
        if (parallel == 1) { // in order on this thread: each walk sees its lower layers complete
            for (int i = 0; i < layers.size(); i++) {
                Walked w = walk(source, layers.get(i), i, LowerLayers.complete(fs), budget);
                warnings.addAll(w.warnings());
                if (w.changes() != null) fs.apply(w.changes());
            }
            return;
        }
        List<CompletableFuture<Void>> applied = new ArrayList<>(); // applied.get(i): every layer below i is in fs
        for (int i = 0; i < layers.size(); i++) applied.add(i == 0 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, layers.size())), r -> {
            Thread t = new Thread(r, "spyglass-walk-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Walked>> walks = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                int index = i;
                LowerLayers lower = new LowerLayers(fs, applied.get(i), lookAhead || i == 0);
                walks.add(pool.submit(() -> walk(source, layers.get(index), index, lower, budget)));
            }
            for (int i = 0; i < layers.size(); i++) {
                Walked w = result(walks.get(i));
                warnings.addAll(w.warnings());
                if (w.changes() != null) fs.apply(w.changes());
                if (i + 1 < layers.size()) applied.get(i + 1).complete(null);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Walked walk(ImageSource source, Layer layer, int index, LowerLayers lower, LayerStreams.Budget budget)
            throws IOException {
        String name = layer.digest().toString();
        List<Unknown> warnings = new ArrayList<>();
        LayerWalker walker = new LayerWalker(catalogers, lower, index, name, limits.maxBufferedFileBytes(), warnings);
        try (InputStream blob = source.openBlob(layer.digest());
             InputStream tar = new ReadAheadInputStream(LayerStreams.open(blob, layer.mediaType(), budget),
                     READ_AHEAD_CHUNK, READ_AHEAD_CHUNKS, "spyglass-layer-" + index)) {
            walker.walk(tar);
        } catch (IOException e) {
            warnings.add(new Unknown("", name, Unknown.LAYER_UNREADABLE + ": " + LayerWalker.message(e)));
            return new Walked(null, warnings);
        }
        return new Walked(walker.settled(), warnings);
    }

    private static Walked result(Future<Walked> walk) throws IOException {
        try {
            return walk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the layers");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IOException(e.getCause());
        }
    }

    private List<Package> packages(FileSystemState fs, List<Layer> layers, Distro distro) {
        List<List<Package>> perCataloger = new ArrayList<>();
        for (int i = 0; i < catalogers.size(); i++) perCataloger.add(new ArrayList<>());
        for (Map.Entry<String, Node.File> e : fs.files().entrySet()) {
            for (Node.Found f : e.getValue().found()) {
                perCataloger.get(f.cataloger()).add(withLayer(f.pkg(), layers.get(f.originLayer())));
            }
        }
        List<Package> out = new ArrayList<>();
        for (int i = 0; i < catalogers.size(); i++) {
            for (Package p : catalogers.get(i).select(List.copyOf(perCataloger.get(i)))) {
                out.add(OsPurls.qualify(p, distro));
            }
        }
        return out;
    }

    private static Package withLayer(Package p, Layer layer) {
        List<Location> located = p.locations().stream()
                .map(l -> l.layer() != null ? l : new Location(l.path(), layer.digest().toString(),
                        layer.diffId() == null ? null : layer.diffId().toString()))
                .toList();
        return p.withLocations(located);
    }
}
