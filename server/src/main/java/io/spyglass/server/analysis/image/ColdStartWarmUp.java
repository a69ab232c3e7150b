package io.spyglass.server.analysis.image;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.ImageConfig;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.Platform;
import io.spyglass.image.json.JsonToImageTranslator;
import io.spyglass.image.source.ImageSource;
import io.spyglass.match.MatchKeys;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.JsonSbomFormat;
import io.spyglass.sbom.Sbom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analysis path (layer walk with every cataloger, match, SBOM JSON) a few times over a tiny
 * Debian-like layer built in memory, on a background thread at server start. The first real push
 * then meets loaded classes and compiled tar, walk and dpkg code instead of paying for them itself
 * (issue 12: push → report on a cold server). Once per JVM: the JIT's work is per JVM, and tests
 * start many servers in one.
 */
public final class ColdStartWarmUp {
    private static final Logger log = LoggerFactory.getLogger(ColdStartWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    // a real analysis has begun: on two cores a warm-up still running would only slow it down
    private static volatile boolean realWorkStarted;
    // enough rounds for the per-entry walk code to reach the JIT's first tiers; a round is ~2,000 entries
    private static final int ROUNDS = 6;
    private static final int FILLER_FILES = 2_000;
    private static final String[] PACKAGES = {"base-files", "libc6", "zlib1g", "openssl", "libssl3", "tzdata", "bash", "coreutils"};

    private ColdStartWarmUp() {}

    // the newest instance's advisories: a throwaway instance that warmed up the registry path
    // (RegistryWarmUp) may have started the warm-up before the real one existed
    private static volatile Supplier<AdvisoryIndex> latestIndex;

    /**
     * Starts the warm-up on a low-priority daemon thread, unless this JVM has already done it or
     * {@code -Dspyglass.analysis.warmUp=false} turns it off (to measure a truly cold node). Later
     * calls only hand their advisories to a warm-up still running.
     */
    public static void startInBackground(Supplier<AdvisoryIndex> index) {
        if (!Boolean.parseBoolean(System.getProperty("spyglass.analysis.warmUp", "true"))) return;
        latestIndex = index;
        if (!STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(ColdStartWarmUp::run, "spyglass-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Called as a real analysis starts: the warm-up stops after its current round. */
    static void realWorkStarted() {
        realWorkStarted = true;
    }

    private static void run() {
        long t0 = System.nanoTime();
        try {
            Layout layout = Layout.build();
            int packages = 0;
            int rounds = 0;
            while (rounds < ROUNDS && !realWorkStarted) {
                packages = analyse(layout, latestIndex.get()).packages().size();
                rounds++;
            }
            log.debug("warm-up: {} rounds over a {}-entry layer ({} packages) in {} ms{}", rounds, FILLER_FILES,
                    packages, (System.nanoTime() - t0) / 1_000_000, rounds < ROUNDS ? ", cut short by a real analysis" : "");
        } catch (IOException | RuntimeException e) {
            // only speed is at stake: the first real analysis does the same work, cold
            log.debug("warm-up skipped: {}", e.toString());
        }
    }

    /** One round over a fresh built-in layer (tests check that it reaches the catalogers). */
    static Sbom analyseOnce(AdvisoryIndex index) throws IOException {
        return analyse(Layout.build(), index);
    }

    /** The same steps {@link ImageAnalyser#analyse} takes, minus the database. */
    private static Sbom analyse(Layout layout, AdvisoryIndex index) throws IOException {
        ManifestDocument doc = JsonToImageTranslator.toManifestDocument(layout.manifest, "application/vnd.oci.image.manifest.v1+json");
        ImageConfig config = JsonToImageTranslator.toConfig(layout.config);
        Image image = Image.of(layout.manifestDigest, (ImageManifest) doc, config, List.of());
        Sbom sbom = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(layout, image);
        Matcher matcher = new Matcher(index);
        for (Package p : sbom.packages()) matcher.match(p, MatchKeys.of(p, sbom.distro()));
        new JsonSbomFormat().write(sbom, OutputStream.nullOutputStream());
        return sbom;
    }

    /** A one-layer image held in memory, served as an {@link ImageSource}. */
    private static final class Layout implements ImageSource {
        private final byte[] layer;
        private final Digest layerDigest;
        private final byte[] config;
        private final byte[] manifest;
        private final Digest manifestDigest;

        private Layout(byte[] tar) throws IOException {
            this.layer = gzip(tar);
            this.layerDigest = sha256(layer);
            this.config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                    + sha256(tar) + "\"]}}").getBytes(StandardCharsets.UTF_8);
            this.manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(config)
                    + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                    + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
            this.manifestDigest = sha256(manifest);
        }

        static Layout build() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                file(tar, "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                        + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n");
                file(tar, "etc/debian_version", "12.7\n");
                StringBuilder status = new StringBuilder();
                for (String p : PACKAGES) {
                    status.append("Package: ").append(p).append("\nStatus: install ok installed\nPriority: required\n")
                            .append("Architecture: amd64\nSource: ").append(p).append("\nVersion: 1.2.3-4+deb12u1\n")
                            .append("Maintainer: Warm Up <warm@up.invalid>\nDescription: warm-up package\n\n");
                    file(tar, "var/lib/dpkg/info/" + p + ".list", "/usr/share/doc/" + p + "/copyright\n");
                    file(tar, "var/lib/dpkg/info/" + p + ".md5sums", "d41d8cd98f00b204e9800998ecf8427e  usr/share/doc/" + p + "/copyright\n");
                    file(tar, "usr/share/doc/" + p + "/copyright", "License: GPL-2+\n");
                }
                file(tar, "var/lib/dpkg/status", status.toString());
                file(tar, "usr/lib/python3/dist-packages/warmup-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: warmup\nVersion: 1.0\n");
                file(tar, "usr/lib/node_modules/warmup/package.json", "{\"name\":\"warmup\",\"version\":\"1.0.0\"}");
                String filler = "x".repeat(700);
                for (int i = 0; i < FILLER_FILES; i++) file(tar, "usr/lib/warmup/d" + (i % 50) + "/file-" + i + ".so", filler);
            }
            return new Layout(bytes.toByteArray());
        }

        private static void file(TarArchiveOutputStream tar, String path, String content) throws IOException {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(path);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }

        private static byte[] gzip(byte[] data) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        }

        private static Digest sha256(byte[] data) {
            try {
                return Digest.parse("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Image resolve(Platform platform) {
            throw new UnsupportedOperationException("resolved by the warm-up itself");
        }

        @Override
        public InputStream openBlob(Digest digest) throws IOException {
            if (!digest.equals(layerDigest)) throw new IOException("no blob " + digest + " in the warm-up image");
            return new ByteArrayInputStream(layer);
        }

        @Override
        public String describe() {
            return "warm-up";
        }
    }
}
