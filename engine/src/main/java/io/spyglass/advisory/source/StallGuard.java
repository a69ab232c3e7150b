package io.spyglass.advisory.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a download's body when no byte has come for {@code idle}: the blocked read then fails and
 * the download is reported broken instead of hanging the update.
 */
final class StallGuard implements Closeable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spyglass-feed-stall-guard");
        t.setDaemon(true);
        return t;
    });

    private final AtomicLong seen = new AtomicLong(-1);
    private final AtomicLong checked = new AtomicLong(-2);
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    StallGuard(InputStream body, Duration idle) {
        long ms = Math.max(1, idle.toMillis());
        task = TIMER.scheduleAtFixedRate(() -> {
            long now = seen.get();
            if (now == checked.getAndSet(now)) {
                stalled.set(true);
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is the point; the reader sees the failure
                }
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    void progress(long bytes) {
        seen.set(bytes);
    }

    boolean stalled() {
        return stalled.get();
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
