package io.spyglass.server.analysis.job;

import io.spyglass.server.analysis.AnalysisConfig;
import io.spyglass.server.analysis.image.ImageAnalyser;
import io.spyglass.server.webhook.Webhooks;
import io.spyglass.image.InvalidDigestException;
import io.spyglass.image.InvalidManifestException;
import io.spyglass.image.source.ImageSourceException;
import io.spyglass.server.store.Database;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker loop: claim a job, renew its lease while it runs, record the outcome. A bad image
 * fails its own job with the reason and the loop goes on; a storage hiccup is retried with
 * back-off. A worker killed mid-job leaves the lease to run out; another claim redoes the job.
 */
public final class Worker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /** What runs one kind of job. */
    public interface Handler {
        void run(Job job) throws Exception;
    }

    private final String name;
    private final JobQueue queue;
    private final AnalysisConfig config;
    private final java.util.Map<String, Handler> handlers;
    private final Database db;
    private final ScheduledExecutorService renewer;
    private final WorkSignal signal;
    private final JobObserver observer;
    private volatile boolean running = true;

    public Worker(String name, JobQueue queue, AnalysisConfig config, java.util.Map<String, Handler> handlers, Database db,
           WorkSignal signal, JobObserver observer) {
        this.name = name;
        this.observer = observer;
        this.signal = signal;
        this.queue = queue;
        this.config = config;
        this.handlers = handlers;
        this.db = db;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-lease"));
    }

    public void stop() {
        running = false;
        renewer.shutdownNow();
    }

    @Override
    public void run() {
        while (running) {
            try {
                long seen = signal.generation();
                if (!runOne()) signal.await(seen, config.pollMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: wait and try again, the jobs are safe in their table
                log.warn("{}: {}", name, e.toString());
                sleep(config.pollMillis() * 4);
            }
        }
    }

    /** Claims and runs one job; false when there was none. */
    boolean runOne() {
        Optional<Job> claimed = queue.claim(name, config.leaseMillis());
        if (claimed.isEmpty()) return false;
        Job job = claimed.get();
        log.debug("{}: claimed job {} ({}), attempt {}", name, job.key(), job.kind(), job.attempts());
        long every = Math.max(50, config.leaseMillis() / 3);
        long started = System.nanoTime();
        ScheduledFuture<?> lease = renewer.scheduleAtFixedRate(() -> queue.renew(job, name, config.leaseMillis()),
                every, every, TimeUnit.MILLISECONDS);
        try {
            Handler h = handlers.get(job.kind());
            if (h == null) throw new IllegalArgumentException("unknown job kind '" + job.kind() + "'");
            h.run(job);
            lease.cancel(false);
            db.withHandle(hd -> {
                queue.done(hd, job);
                return null;
            });
            observer.finished(job.kind(), java.time.Duration.ofNanos(System.nanoTime() - started), JobObserver.Outcome.DONE);
        } catch (Exception e) {
            lease.cancel(false);
            String reason = reason(e);
            boolean permanent = isPermanent(e);
            boolean last = queue.fail(job, reason, permanent, config.backoffMillis());
            log.info("{}: job {} ({}) failed{}: {}", name, job.key(), job.kind(), last ? " for good" : ", will retry", reason);
            observer.finished(job.kind(), java.time.Duration.ofNanos(System.nanoTime() - started),
                    last ? JobObserver.Outcome.FAILED : JobObserver.Outcome.RETRY);
            if (last && job.kind().equals(AnalysisJobs.ANALYSE)) ImageAnalyser.failed(db, job.payload(), reason);
            if (last && job.kind().equals(AnalysisJobs.WEBHOOK)) Webhooks.failed(db, Long.parseLong(job.payload()));
        }
        return true;
    }

    /** Bad input is not going to get better by retrying; I/O and database trouble may. */
    static boolean isPermanent(Exception e) {
        return e instanceof InvalidManifestException || e instanceof ImageSourceException
                || e instanceof InvalidDigestException || e instanceof IllegalArgumentException
                || e instanceof com.fasterxml.jackson.core.JsonProcessingException;
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The result of work handed to a side thread, its own exception rethrown as it was; {@code what} names the work if interrupted. */
    public static <T> T await(java.util.concurrent.Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

}
