package io.spyglass.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The CLI's advisory database: one gzipped json-lines file per source.
 *
 * <pre>
 * DIR/
 *   .lock                     held while a source is replaced (one writer at a time)
 *   &lt;source&gt;.jsonl.gz        line 1: header {"format":1,"source","kind","count","importedAt","dataVersion"}
 *                             lines 2…: one record each, canonical json (its SHA-256 is the content hash)
 * </pre>
 *
 * A source is written to a temp file in the same folder and moved over the old one in one atomic
 * rename, so a reader sees the old data or the new, never a mix, and a failed import changes nothing.
 * Several sources at once (a bundle) are all written before any is moved: a refused or broken
 * bundle changes nothing; only a crash between two renames could leave some sources new.
 */
public final class FileAdvisoryStore implements AdvisoryStore {
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
    private static final String SUFFIX = ".jsonl.gz";

    private final Path dir;
    private final Clock clock;

    public FileAdvisoryStore(Path dir) {
        this(dir, Clock.systemUTC());
    }

    FileAdvisoryStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public ChangeSet replaceSource(String source, List<? extends SourceRecord> records, String dataVersion) {
        return replaceSources(List.of(new SourceReplacement(source, records, dataVersion))).get(0);
    }

    /**
     * Every source is written to its temp file first; only when all are written are they moved
     * into place, one rename each, under the lock. A failure before the renames changes nothing.
     */
    @Override
    public List<ChangeSet> replaceSources(List<SourceReplacement> sources) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SourceReplacement r : sources) {
            checkName(r.source());
            if (!names.add(r.source())) throw new AdvisoryStoreException("source " + r.source() + " given twice");
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                List<ChangeSet> out = new ArrayList<>();
                Map<Path, Path> moves = new LinkedHashMap<>();
                try {
                    for (SourceReplacement r : sources) {
                        out.add(prepare(r, moves));
                    }
                    for (Map.Entry<Path, Path> m : moves.entrySet()) move(m.getKey(), m.getValue());
                } finally {
                    for (Path tmp : moves.keySet()) Files.deleteIfExists(tmp);
                }
                return out;
            }
        } catch (IOException e) {
            throw new AdvisoryStoreException("could not write " + names + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Diffs one source against what is stored and writes its new file beside the old; adds tmp → target to {@code moves}. */
    private ChangeSet prepare(SourceReplacement r, Map<Path, Path> moves) throws IOException {
        String source = r.source();
        RecordKind kind = RecordKind.of(r.records());
        Map<String, ChangeDetector.Hashed> before = read(source, true);
        Map<String, ChangeDetector.Hashed> after = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(r.records().size());
        for (SourceRecord rec : r.records()) {
            String line = AdvisoryJson.write(rec);
            if (after.put(rec.id(), new ChangeDetector.Hashed(AdvisoryJson.hash(line), rec)) != null) {
                throw new AdvisoryStoreException("source " + source + " has two records with id " + rec.id());
            }
            lines.add(line);
        }
        ChangeSet changes = ChangeDetector.diff(source, before, after);
        Path tmp = Files.createTempFile(dir, "." + source + "-", ".tmp");
        moves.put(tmp, dir.resolve(source + SUFFIX));
        write(tmp, source, kind, lines, r.dataVersion());
        return changes;
    }

    @Override
    public AdvisoryData load() {
        List<SourceRecord> all = new ArrayList<>();
        for (SourceStatus s : status()) all.addAll(load(s.source()));
        return AdvisoryData.of(all);
    }

    @Override
    public List<SourceRecord> load(String source) {
        List<SourceRecord> out = new ArrayList<>();
        for (ChangeDetector.Hashed h : read(source, false).values()) out.add(h.record());
        return out;
    }

    @Override
    public List<SourceStatus> status() {
        if (!Files.isDirectory(dir)) return List.of();
        List<SourceStatus> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(SUFFIX)) continue;
                try (BufferedReader r = open(p)) {
                    out.add(header(r.readLine(), p));
                }
            }
        } catch (IOException e) {
            throw new AdvisoryStoreException("could not read advisory database " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    // hashing costs a third of a load; only a replace needs the hashes
    private Map<String, ChangeDetector.Hashed> read(String source, boolean hashed) {
        checkName(source);
        Path file = dir.resolve(source + SUFFIX);
        Map<String, ChangeDetector.Hashed> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        try (BufferedReader r = open(file)) {
            SourceStatus head = header(r.readLine(), file);
            Class<? extends SourceRecord> type = RecordKind.parse(head.kind()).type();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                SourceRecord rec = AdvisoryJson.read(line, type);
                out.put(rec.id(), new ChangeDetector.Hashed(hashed ? AdvisoryJson.hash(line) : null, rec));
            }
            if (out.size() != head.count()) {
                throw new AdvisoryStoreException(file + " holds " + out.size() + " records, header says " + head.count());
            }
        } catch (IOException e) {
            throw new AdvisoryStoreException("could not read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void write(Path tmp, String source, RecordKind kind, List<String> lines, String dataVersion) throws IOException {
        ObjectNode head = AdvisoryJson.mapper().createObjectNode()
                .put("format", 1).put("source", source).put("kind", kind.id()).put("count", lines.size())
                .put("importedAt", Instant.now(clock).toString());
        if (dataVersion != null) head.put("dataVersion", dataVersion);
        try (OutputStream fo = Files.newOutputStream(tmp);
             Writer w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(fo, 1 << 16), StandardCharsets.UTF_8))) {
            w.write(head.toString());
            w.write('\n');
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static SourceStatus header(String line, Path file) throws IOException {
        if (line == null) throw new AdvisoryStoreException(file + " is empty");
        JsonNode h = AdvisoryJson.mapper().readTree(line);
        if (h.path("format").asInt() != 1) throw new AdvisoryStoreException(file + " has an unknown format");
        String version = h.hasNonNull("dataVersion") ? h.get("dataVersion").asText() : null;
        return new SourceStatus(h.path("source").asText(), h.path("kind").asText(), h.path("count").asInt(),
                Instant.parse(h.path("importedAt").asText()), version);
    }

    private static void checkName(String source) {
        if (source == null || !SOURCE_NAME.matcher(source).matches()) {
            throw new AdvisoryStoreException("bad source name '" + source + "'");
        }
    }
}
