package io.spyglass.server.ops;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A long server job (re-evaluation of a big change set, garbage collection) says how far it is on
 * the usual log every {@link #INTERVAL}: "re-evaluation of change set 42: 1200/5000 images (24%),
 * 310 images/s". Nothing is logged for a job that ends sooner; the job's own closing line says
 * that. Safe to advance from several threads.
 */
public final class JobProgressLog {
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private final Logger log;
    private final String job;
    private final long total;
    private final String unit;
    private final LongSupplier nanos;
    private final long interval;
    private final long started;
    private long loggedAt;
    private long done;

    /** Counts on {@code System.nanoTime()}, logging every {@link #INTERVAL}. */
    public JobProgressLog(Logger log, String job, long total, String unit) {
        this(log, job, total, unit, System::nanoTime, INTERVAL);
    }

    /** @param nanos a monotonic clock (a test's own) */
    public JobProgressLog(Logger log, String job, long total, String unit, LongSupplier nanos, Duration interval) {
        this.log = log;
        this.job = job;
        this.total = total;
        this.unit = unit;
        this.nanos = nanos;
        this.interval = interval.toNanos();
        this.started = nanos.getAsLong();
        this.loggedAt = started;
    }

    /** {@code n} more units are done; logs when the interval has passed since the last line (or the start). */
    public synchronized void advance(long n) {
        done += n;
        long now = nanos.getAsLong();
        if (now - loggedAt < interval) return;
        loggedAt = now;
        double seconds = (now - started) / 1e9;
        log.info("{}: {}/{} {} ({}%), {} {}/s", job, done, total, unit, total > 0 ? done * 100 / total : 0,
                Math.round(done / seconds), unit);
    }

    public synchronized long done() {
        return done;
    }
}
