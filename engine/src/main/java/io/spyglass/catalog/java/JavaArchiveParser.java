package io.spyglass.catalog.java;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads one archive and the archives nested in it ({@code BOOT-INF/lib/x.jar}, {@code
 * WEB-INF/lib/y.jar}). Only MANIFEST.MF, pom.properties and nested archives are ever read.
 *
 * <p>An archive that fits {@link ArchiveLimits#maxHeldBytes()} (with the archives around it) is
 * held in memory and read through its central directory: the entries nobody reads are never
 * inflated, which is most of a jar. A larger one, or one without a readable central directory
 * (cut short, not a zip), is read as a stream with {@link ZipInputStream}, which must inflate every
 * entry to find the next (Maven writes its entries with data descriptors: sizes only after the
 * data). Every byte inflated and every entry is charged to one budget ({@link ArchiveLimits}), so
 * a zip bomb or an absurd nesting ends in an {@link Unknown} naming the file while the packages
 * already found are kept. One instance per file.
 */
final class JavaArchiveParser {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private final ArchiveLimits limits;
    private final List<Package> packages = new ArrayList<>();
    private final List<Unknown> unknowns = new ArrayList<>();
    static final long MAX_RATIO = 1000;
    static final long RATIO_MIN_BYTES = 64L * 1024 * 1024;
    private final byte[] drainBuffer = new byte[64 * 1024];
    private String filePath;
    private long bytesRead;
    private long entriesRead;
    private long held; // bytes of the archives held in memory now: this file and those nested in it being read

    JavaArchiveParser(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** Parses the archive at {@code path} of {@code size} bytes (-1 when unknown). */
    ParseResult parse(String path, InputStream content, long size) throws IOException {
        filePath = path;
        try {
            readArchive(path, new Charged(content), size, 0);
        } catch (LimitExceededException e) {
            unknowns.add(new Unknown(path, null, ParseProblem.describe(e)));
        }
        return new ParseResult(packages, unknowns);
    }

    /** An archive of {@code size} bytes (-1: unknown): held in memory when it fits, else streamed. */
    private void readArchive(String location, Charged in, long size, int depth) throws IOException {
        if (size < 0 || held + size > limits.maxHeldBytes()) {
            readStreamed(location, in, depth);
            return;
        }
        byte[] bytes = in.readNBytes((int) size);
        held += bytes.length;
        try {
            readHeld(location, bytes, depth);
        } finally {
            held -= bytes.length;
        }
    }

    /** Reads the wanted entries through the central directory; the others are not even inflated. */
    private void readHeld(String location, byte[] bytes, int depth) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
                    .setIgnoreLocalFileHeader(true).get();
        } catch (IOException e) {
            // no readable central directory: the stream reader keeps what comes before the damage
            readStreamed(location, new Charged(new ByteArrayInputStream(bytes)), depth);
            return;
        }
        Found found = new Found();
        int entries = 0;
        try (zip) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                entries++;
                countEntry(location);
                if (e.isDirectory() || !wanted(e.getName())) continue;
                if (PomProperties.isPomXml(e.getName())) {
                    found.pomXml.add(PomProperties.pomXmlCoordinates(e.getName()));
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    readEntry(location, e.getName(), in, e.getSize(), depth, found);
                }
            }
        } catch (ZipException | EOFException e) {
            unknowns.add(new Unknown(filePath, null, "cannot read java archive " + location + ": " + ParseProblem.describe(e)));
        } finally {
            addPackages(location, found);
        }
        if (entries == 0) unknowns.add(new Unknown(filePath, null, "not a zip archive (no entries): " + location));
    }

    private static boolean wanted(String name) {
        return PomProperties.isPomProperties(name) || PomProperties.isPomXml(name) || name.equalsIgnoreCase(MANIFEST)
                || JavaCataloger.isArchiveName(name);
    }

    private void countEntry(String location) throws LimitExceededException {
        if (++entriesRead > limits.maxEntries()) {
            throw new LimitExceededException("more than " + limits.maxEntries() + " archive entries in " + location
                    + " and the archives around it; stopped reading (zip bomb?)");
        }
    }

    /** Reads every entry in order, inflating (and draining) each one to reach the next. */
    private void readStreamed(String location, Charged raw, int depth) throws IOException {
        Found found = new Found();
        int entries = 0;
        boolean broken = false;
        // closing a ZipInputStream frees its Inflater's native memory at once; Charged keeps the stream below open
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries++;
                countEntry(location);
                if (e.isDirectory()) {
                    // nothing to read
                } else if (PomProperties.isPomXml(e.getName())) {
                    found.pomXml.add(PomProperties.pomXmlCoordinates(e.getName()));
                } else {
                    readEntry(location, e.getName(), zip, e.getSize(), depth, found);
                }
                drain(location, zip, raw);
            }
        } catch (ZipException | EOFException | IllegalArgumentException e) {
            // IllegalArgumentException: the JDK's reader refuses an entry name that is not UTF-8 (found by JavaArchiveFuzzTest)
            broken = true;
            unknowns.add(new Unknown(filePath, null, "cannot read java archive " + location + ": " + ParseProblem.describe(e)));
        } finally {
            // also when a limit stops the whole file: what this level found so far is kept
            addPackages(location, found);
        }
        if (entries == 0 && !broken) {
            unknowns.add(new Unknown(filePath, null, "not a zip archive (no entries): " + location));
        }
    }

    /** Handles one entry: metadata goes into {@code found}, a nested archive is read in turn. */
    private void readEntry(String location, String name, InputStream in, long size, int depth, Found found)
            throws IOException {
        if (PomProperties.isPomProperties(name)) {
            byte[] bytes = readSmall(location, name, in);
            try {
                PomProperties pom = bytes == null ? null : PomProperties.parse(new String(bytes, StandardCharsets.UTF_8));
                if (pom != null) found.poms.add(pom);
            } catch (FileContent.MalformedContentException e) {
                unknowns.add(new Unknown(filePath, null, "bad " + location + ":" + name + ": " + ParseProblem.describe(e)));
            }
        } else if (name.equalsIgnoreCase(MANIFEST)) {
            byte[] bytes = readManifestMain(location, name, in);
            try {
                if (bytes != null) found.manifest = JarManifest.parse(bytes);
            } catch (IOException | IllegalArgumentException e) {
                unknowns.add(new Unknown(filePath, null, "bad " + location + ":" + name + ": " + ParseProblem.describe(e)));
            }
        } else if (JavaCataloger.isArchiveName(name)) {
            String nested = location + ":" + name;
            if (depth + 1 > limits.maxDepth()) {
                unknowns.add(new Unknown(filePath, null, "archive nested deeper than " + limits.maxDepth()
                        + " levels; not read: " + nested));
            } else {
                readArchive(nested, new Charged(in), size, depth + 1);
            }
        }
    }

    /**
     * One package per pom.properties (a shaded jar lists each library in it; its manifest is the
     * outer one's and adds nothing), else the jar's own inferred identity ({@link JarIdentity}).
     */
    private void addPackages(String location, Found found) {
        for (PomProperties pom : found.poms) {
            packages.add(MavenPackages.create(pom.groupId(), pom.artifactId(), pom.version(), location));
        }
        if (!found.poms.isEmpty()) return;
        Package inferred = JarIdentity.identify(location, found.manifest, found.pomXml);
        if (inferred != null) packages.add(inferred);
    }

    /** What one archive level says about itself. */
    private static final class Found {
        private final Set<PomProperties> poms = new LinkedHashSet<>();
        private final List<String[]> pomXml = new ArrayList<>();
        private JarManifest manifest;
    }

    /**
     * The manifest's main section. A signed jar's manifest lists a digest per entry after it
     * (bcprov's: 730 KB), so past the metadata limit the main section alone is kept when it ends
     * within the bytes read.
     */
    private byte[] readManifestMain(String location, String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(limits.maxMetadataBytes() + 1);
        charge(bytes.length);
        if (bytes.length <= limits.maxMetadataBytes()) return bytes;
        int end = JarManifest.mainSectionEnd(bytes);
        if (end >= 0) return Arrays.copyOf(bytes, end);
        unknowns.add(new Unknown(filePath, null, location + ":" + name + " has a main section larger than "
                + limits.maxMetadataBytes() + " bytes; ignored"));
        return null;
    }

    /** The entry's bytes, or null (with an Unknown) when larger than a metadata file can be. */
    private byte[] readSmall(String location, String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(limits.maxMetadataBytes() + 1);
        charge(bytes.length);
        if (bytes.length > limits.maxMetadataBytes()) {
            unknowns.add(new Unknown(filePath, null, location + ":" + name + " is larger than "
                    + limits.maxMetadataBytes() + " bytes; ignored"));
            return null;
        }
        return bytes;
    }

    /**
     * Reads the rest of an entry. Deflate cannot pass about 1032:1, and only runs of one byte come
     * near it: an entry past {@link #RATIO_MIN_BYTES} at over {@link #MAX_RATIO}:1 is a bomb, stopped
     * early instead of inflating up to the total limit.
     */
    private void drain(String location, ZipInputStream zip, Charged raw) throws IOException {
        long rawStart = raw.count;
        long inflated = 0;
        for (int n; (n = zip.read(drainBuffer)) > 0; ) {
            charge(n);
            inflated += n;
            if (inflated > RATIO_MIN_BYTES && inflated / MAX_RATIO > raw.count - rawStart + 1) {
                throw new LimitExceededException("an entry of " + location + " inflates more than " + MAX_RATIO
                        + " times its compressed size; stopped reading (zip bomb?)");
            }
        }
    }

    private void charge(long n) throws LimitExceededException {
        bytesRead += n;
        if (bytesRead > limits.maxTotalBytes()) {
            throw new LimitExceededException("archive content exceeds " + limits.maxTotalBytes()
                    + " uncompressed bytes; stopped reading (zip bomb?)");
        }
    }

    /** Charges bytes pulled from an outer stream (the raw bytes of a nested archive), counts them, never closes it. */
    private final class Charged extends FilterInputStream {
        private long count;

        Charged(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                charge(1);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                charge(n);
                count += n;
            }
            return n;
        }

        @Override
        public void close() {
            // the walker (or the outer archive) owns the stream
        }
    }

    private static final class LimitExceededException extends IOException {
        LimitExceededException(String message) {
            super(message);
        }
    }
}
