package io.spyglass.advisory.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends a download whose body sends no byte for {@code idle}: closes the body and interrupts the
 * reading thread (a read blocked inside the HTTP client wakes only on interrupt), so the download is
 * reported broken instead of hanging the update. The interrupt it caused is cleared on close.
 */
final class StallGuard implements Closeable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spyglass-feed-stall-guard");
        t.setDaemon(true);
        return t;
    });

    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final Thread reader = Thread.currentThread();
    private final InputStream body;
    private final long idleNanos;
    private final ScheduledFuture<?> task;
    private boolean closed;
    private boolean stalled;

    StallGuard(InputStream body, Duration idle) {
        this.body = body;
        this.idleNanos = idle.toNanos();
        long every = Math.max(1, idle.toMillis() / 4);
        task = TIMER.scheduleAtFixedRate(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    private synchronized void check() {
        if (closed || stalled || System.nanoTime() - lastProgress.get() <= idleNanos) return;
        stalled = true;
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is the point; the reader sees the failure
        }
        reader.interrupt();
    }

    void progress() {
        lastProgress.set(System.nanoTime());
    }

    synchronized boolean stalled() {
        return stalled;
    }

    @Override
    public void close() {
        boolean clear;
        synchronized (this) {
            closed = true;
            task.cancel(false);
            clear = stalled;
        }
        if (clear) Thread.interrupted();
    }
}
