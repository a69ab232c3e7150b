package io.spyglass.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A minimal test-only walker over an OCI image layout (first manifest, gzip layers): pass one
 * applies whiteouts to learn which layer holds each path of the final filesystem, pass two feeds
 * those files to the catalogers. It lets the catalogers be checked on the corpus images; the
 * engine's own layer walker is what production uses.
 */
public final class OciLayoutCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciLayoutCatalog() {}

    /** Packages (after select) and unknowns, per cataloger name. */
    public record Result(Map<String, List<Package>> packages, List<Unknown> unknowns) {
        public List<Package> all() {
            return packages.values().stream().flatMap(List::stream).toList();
        }
    }

    public static Result catalog(Path layout, List<Cataloger> catalogers) {
        try {
            List<Path> layers = layers(layout);
            Map<String, Integer> owner = finalFilesystem(layers);
            Map<String, List<Package>> found = new LinkedHashMap<>();
            catalogers.forEach(c -> found.put(c.name(), new ArrayList<>()));
            List<Unknown> unknowns = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                try (TarArchiveInputStream tar = open(layers.get(i))) {
                    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                        String path = clean(e.getName());
                        if (!e.isFile() || !Integer.valueOf(i).equals(owner.get(path))) continue;
                        FileEntry entry = new FileEntry(path, e.getSize(), e.getMode());
                        for (Cataloger c : catalogers) {
                            if (!c.wants(entry)) continue;
                            // the tar stream is shared; a cataloger reads at most this entry
                            ParseResult r = c.parse(entry, new BufferedInputStream(tar));
                            found.get(c.name()).addAll(r.packages());
                            unknowns.addAll(r.unknowns());
                            break;
                        }
                    }
                }
            }
            Map<String, List<Package>> selected = new LinkedHashMap<>();
            for (Cataloger c : catalogers) selected.put(c.name(), c.select(found.get(c.name())));
            return new Result(selected, unknowns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> layers(Path layout) throws IOException {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").get(0).path("digest").asText()).toFile());
        List<Path> layers = new ArrayList<>();
        for (JsonNode l : manifest.path("layers")) layers.add(blob(layout, l.path("digest").asText()));
        return layers;
    }

    private static Path blob(Path layout, String digest) {
        String[] parts = digest.split(":", 2);
        return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    /** path → index of the layer whose copy survives in the final filesystem. */
    private static Map<String, Integer> finalFilesystem(List<Path> layers) throws IOException {
        TreeMap<String, Integer> owner = new TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            try (TarArchiveInputStream tar = open(layers.get(i))) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    String path = clean(e.getName());
                    int slash = path.lastIndexOf('/');
                    String dir = slash < 0 ? "" : path.substring(0, slash + 1);
                    String name = path.substring(slash + 1);
                    if (name.equals(".wh..wh..opq")) {
                        owner.subMap(dir, dir + Character.MAX_VALUE).clear();
                    } else if (name.startsWith(".wh.")) {
                        String gone = dir + name.substring(4);
                        owner.remove(gone);
                        owner.subMap(gone + "/", gone + "/" + Character.MAX_VALUE).clear();
                    } else if (e.isFile()) {
                        owner.put(path, i);
                    } else {
                        owner.remove(path);
                    }
                }
            }
        }
        return owner;
    }

    private static TarArchiveInputStream open(Path layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layer), 1 << 16);
        return new TarArchiveInputStream(new GZIPInputStream(in, 1 << 16));
    }

    private static String clean(String name) {
        String p = name;
        while (p.startsWith("./") || p.startsWith("/")) p = p.startsWith("/") ? p.substring(1) : p.substring(2);
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
