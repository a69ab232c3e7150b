package io.spyglass.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a renewed certificate in force without a restart: compares the files' modification time
 * and size every {@link TlsConfig#checkEvery()} (polling rather than a watch service, because
 * certbot and Kubernetes secrets swap symlinks, which watches miss) and, when they changed and
 * read well together, reloads Jetty's SSL context. New connections get the new certificate; open
 * ones keep theirs. A file that cannot be used (half-written, key of another certificate) leaves
 * the old certificate in force and is logged once per change.
 */
public final class CertificateReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CertificateReloader.class);

    private final TlsConfig config;
    private final SslContextFactory.Server ssl;
    private final ScheduledExecutorService timer;
    private volatile List<FileStamp> seen;

    private CertificateReloader(TlsConfig config, SslContextFactory.Server ssl, List<FileStamp> seen) {
        this.config = config;
        this.ssl = ssl;
        this.seen = seen;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tls-certificate-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts checking the files that {@code ssl} was made from (its stamps taken now). */
    public static CertificateReloader start(TlsConfig config, SslContextFactory.Server ssl) {
        CertificateReloader r = new CertificateReloader(config, ssl, stamps(config));
        long every = config.checkEvery().toMillis();
        r.timer.scheduleWithFixedDelay(r::check, every, every, TimeUnit.MILLISECONDS);
        return r;
    }

    /** Reloads if either file changed since the last look; never throws. */
    void check() {
        try {
            List<FileStamp> now = stamps(config);
            if (now.equals(seen)) return;
            seen = now;
            PemKeyMaterial material;
            try {
                material = PemKeyMaterial.read(config.certificate(), config.key());
            } catch (TlsFileException e) {
                log.warn("TLS: the changed certificate files cannot be used, the previous certificate stays in force: {}", e.getMessage());
                return;
            }
            ssl.reload(f -> f.setKeyStore(material.keyStore()));
            log.info("TLS: certificate reloaded from {}: {}", config.certificate(), material.describe());
        } catch (Exception e) {
            log.warn("TLS: certificate reload failed, the previous certificate stays in force: {}", e.toString());
        }
    }

    private static List<FileStamp> stamps(TlsConfig config) {
        return List.of(FileStamp.of(config.certificate()), FileStamp.of(config.key()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** What changes when a file is rewritten or a symlink is swapped; a missing file is a stamp too. */
    record FileStamp(Path file, long modifiedMillis, long size, Object fileKey) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(file, a.lastModifiedTime().toMillis(), a.size(), Objects.requireNonNullElse(a.fileKey(), ""));
            } catch (IOException e) {
                return new FileStamp(file, -1, -1, "");
            }
        }
    }
}
