package io.spyglass.advisory.bundle;

import io.spyglass.advisory.AdvisoryStore;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.SourceReplacement;
import io.spyglass.advisory.SourceStatus;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Every advisory source in one file, for an install without internet: a gzipped tar whose first
 * entry is {@code manifest.json} ({@link BundleManifest}: each source, its data version and the
 * sha256 of its member) followed by one {@code sources/<source>.jsonl} ({@link SourceDump}) per
 * source. Reading checks every member against the manifest before anything is applied; a bundle
 * with a wrong checksum, a missing or extra member, or a source this Spyglass does not know is
 * refused whole.
 */
public final class AdvisoryBundle {
    private static final int MAX_MANIFEST = 1 << 20;

    private AdvisoryBundle() {}

    /** What an export wrote: one entry per source. */
    public record Exported(List<BundleManifest.Entry> sources, long bytes) {}

    /** Writes every source of {@code store} to {@code file} (replaced atomically when complete). */
    public static Exported export(AdvisoryStore store, Path file) throws IOException {
        Path work = Files.createTempDirectory("spyglass-bundle-");
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
        try {
            List<BundleManifest.Entry> entries = new ArrayList<>();
            for (SourceStatus s : store.status()) {
                Path dump = work.resolve(s.source() + ".jsonl");
                MessageDigest md = sha256();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(dump), md)) {
                    SourceDump.write(out, s.source(), s.dataVersion(), store.load(s.source()));
                }
                entries.add(new BundleManifest.Entry(s.source(), s.kind(), s.count(), s.dataVersion(), s.lastImport(),
                        BundleManifest.member(s.source()), Files.size(dump), HexFormat.of().formatHex(md.digest())));
            }
            BundleManifest manifest = new BundleManifest(Instant.now(), entries);
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tmp)))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                byte[] json = manifest.toJson();
                TarArchiveEntry m = new TarArchiveEntry(BundleManifest.FILE);
                m.setSize(json.length);
                tar.putArchiveEntry(m);
                tar.write(json);
                tar.closeArchiveEntry();
                for (BundleManifest.Entry e : entries) {
                    Path dump = work.resolve(e.source() + ".jsonl");
                    TarArchiveEntry t = new TarArchiveEntry(e.member());
                    t.setSize(e.size());
                    tar.putArchiveEntry(t);
                    Files.copy(dump, tar);
                    tar.closeArchiveEntry();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Exported(entries, Files.size(target));
        } finally {
            Files.deleteIfExists(tmp);
            deleteTree(work);
        }
    }

    /** What an import applied: the change set of each source, all applied as one. */
    public record Imported(Instant createdAt, List<BundleManifest.Entry> sources, List<ChangeSet> changes) {}

    /** Reads and checks {@code file} whole, then replaces all its sources in {@code store} at once. */
    public static Imported importInto(AdvisoryStore store, Path file) throws IOException {
        Read read = read(file);
        List<ChangeSet> changes = store.replaceSources(read.sources());
        return new Imported(read.manifest().createdAt(), read.manifest().sources(), changes);
    }

    record Read(BundleManifest manifest, List<SourceReplacement> sources) {}

    /** Every source of the bundle, checked against its manifest; nothing is returned from a bad bundle. */
    static Read read(Path file) throws IOException {
        String what = "bundle " + file.getFileName();
        Path work = Files.createTempDirectory("spyglass-bundle-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16)))) {
            TarArchiveEntry first = tar.getNextEntry();
            if (first == null || !first.getName().equals(BundleManifest.FILE) || first.getSize() > MAX_MANIFEST) {
                throw new BundleException(what + " is not a Spyglass advisory bundle (no manifest.json first)");
            }
            BundleManifest manifest = BundleManifest.parse(tar.readNBytes(MAX_MANIFEST), what);
            Map<String, BundleManifest.Entry> expected = new LinkedHashMap<>();
            for (BundleManifest.Entry e : manifest.sources()) expected.put(e.member(), e);
            Map<String, Path> members = new LinkedHashMap<>();
            for (TarArchiveEntry t = tar.getNextEntry(); t != null; t = tar.getNextEntry()) {
                BundleManifest.Entry e = expected.get(t.getName());
                if (e == null || members.containsKey(t.getName())) {
                    throw new BundleException(what + " has member '" + t.getName() + "' that its manifest does not list");
                }
                members.put(t.getName(), verified(tar, e, work, what));
            }
            for (BundleManifest.Entry e : manifest.sources()) {
                if (!members.containsKey(e.member())) throw new BundleException(what + " is truncated: member " + e.member() + " is missing");
            }
            List<SourceReplacement> sources = new ArrayList<>();
            for (BundleManifest.Entry e : manifest.sources()) {
                try (InputStream in = Files.newInputStream(members.get(e.member()))) {
                    sources.add(SourceDump.read(in, e.source(), what + " member " + e.member()));
                }
            }
            return new Read(manifest, sources);
        } catch (NoSuchFileException e) {
            throw new BundleException(what + " does not exist");
        } catch (BundleException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            // commons-compress: a cut gzip ends in EOFException, a damaged one in a CRC or format error
            String why = e instanceof java.io.EOFException || e.getMessage() == null ? "the data ends too early" : e.getMessage();
            throw new BundleException(what + " is truncated or damaged: " + why, e);
        } finally {
            deleteTree(work);
        }
    }

    /** Copies one member to a temp file, hashing it; refuses it when size or sha256 differ from the manifest. */
    private static Path verified(InputStream member, BundleManifest.Entry e, Path work, String what) throws IOException {
        Path out = work.resolve(e.source() + ".jsonl");
        MessageDigest md = sha256();
        // not closed: closing it would close the tar stream the next members come from
        long size = Files.copy(new DigestInputStream(member, md), out);
        String sha = HexFormat.of().formatHex(md.digest());
        if (!sha.equals(e.sha256()) || size != e.size()) {
            throw new BundleException(what + ": member " + e.member() + " has sha256 " + sha + " (" + size
                    + " bytes), its manifest says " + e.sha256() + " (" + e.size() + " bytes)");
        }
        return out;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
