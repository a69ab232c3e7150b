package io.spyglass.server.store;

import io.spyglass.server.store.blob.BlobStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own cleanup of abandoned uploads, as distribution's {@code uploadpurging}: every
 * hour, uploads started more than {@link #MAX_AGE} ago are cancelled. Every node may run it; a
 * second cancel of the same upload finds nothing.
 */
public final class UploadPurger implements AutoCloseable {
    /**
     * A week, distribution's default: a slow chunked upload that a client resumes after a weekend
     * still works, and a week of abandoned partial layers costs little space.
     */
    public static final Duration MAX_AGE = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(UploadPurger.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spyglass-upload-purge");
        t.setDaemon(true);
        return t;
    });

    private UploadPurger() {}

    public static UploadPurger start(Database db, BlobStore blobs, Duration maxAge, Duration every) {
        UploadPurger p = new UploadPurger();
        GarbageCollector gc = new GarbageCollector(db, blobs);
        p.timer.scheduleWithFixedDelay(() -> {
            try {
                int n = gc.purgeUploads(maxAge);
                if (n > 0) log.info("Removed {} upload(s) started more than {} ago", n, maxAge);
            } catch (Exception e) {
                // the next round tries again; a failed purge must not stop the timer
                log.warn("Purging abandoned uploads failed: {}", e.toString());
            }
        }, Math.min(60_000, every.toMillis()), every.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
