package io.spyglass.server.analysis.job;

import io.spyglass.server.store.Database;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The durable job queue (table analysis_jobs). A job is keyed ({@code analyse:sha256:…}), so
 * enqueueing the same work twice is one job. A worker claims a job with a lease; if the worker
 * dies the lease runs out and any node claims it again. PostgreSQL claims with
 * {@code FOR UPDATE SKIP LOCKED} so nodes never wait on each other; SQLite has one writer anyway.
 */
public final class JobQueue {
    private final Database db;
    private final int maxAttempts;

    public JobQueue(Database db, int maxAttempts) {
        this.db = db;
        this.maxAttempts = maxAttempts;
    }

    /** Adds a job unless one with this key exists; a failed one is queued again. Returns true if queued now. */
    public static boolean enqueue(Handle h, String kind, String key, String payload) {
        long now = Database.now();
        long id = Database.nextId(h, "analysis_jobs");
        return h.createUpdate("INSERT INTO analysis_jobs (id, kind, job_key, payload, state, attempts, run_after, created_at) "
                        + "VALUES (:id, :kind, :key, :payload, 'queued', 0, :now, :now) "
                        + "ON CONFLICT (job_key) DO UPDATE SET state = 'queued', attempts = 0, run_after = :now, "
                        + "payload = excluded.payload, last_error = NULL WHERE analysis_jobs.state = 'failed'")
                .bind("id", id).bind("kind", kind).bind("key", key).bind("payload", payload).bind("now", now)
                .execute() > 0;
    }

    /** Takes the oldest ready job (queued, or running with an expired lease) for {@code leaseMillis}. */
    Optional<Job> claim(String worker, long leaseMillis) {
        long now = Database.now();
        String pick = "SELECT id FROM analysis_jobs WHERE ((state = 'queued' AND run_after <= :now) "
                + "OR (state = 'running' AND lease_until < :now)) ORDER BY run_after, id LIMIT 1"
                + (db.isPostgres() ? " FOR UPDATE SKIP LOCKED" : "");
        return db.inTransaction(h -> h.createQuery("UPDATE analysis_jobs SET state = 'running', attempts = attempts + 1, "
                        + "lease_until = :until, worker = :worker WHERE id = (" + pick + ") "
                        + "RETURNING id, kind, job_key, payload, attempts")
                .bind("now", now).bind("until", now + leaseMillis).bind("worker", worker)
                .map((rs, ctx) -> new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("job_key"),
                        rs.getString("payload"), rs.getLong("attempts")))
                .findOne());
    }

    /** Extends the lease while the worker still holds the job; false when it lost it. */
    boolean renew(Job job, String worker, long leaseMillis) {
        return db.withHandle(h -> h.createUpdate("UPDATE analysis_jobs SET lease_until = :until "
                        + "WHERE id = :id AND state = 'running' AND worker = :worker")
                .bind("until", Database.now() + leaseMillis).bind("id", job.id()).bind("worker", worker).execute() > 0);
    }

    void done(Handle h, Job job) {
        h.createUpdate("UPDATE analysis_jobs SET state = 'done', lease_until = NULL, finished_at = :now, last_error = NULL "
                        // a job its handler cancelled stays as it was marked
                        + "WHERE id = :id AND state = 'running'")
                .bind("now", Database.now()).bind("id", job.id()).execute();
    }

    /**
     * Records a failure: retried later with back-off (2^attempts seconds) unless it is permanent or
     * the attempts are used up. Returns true when the job has failed for good.
     */
    boolean fail(Job job, String reason, boolean permanent, long baseBackoffMillis) {
        boolean last = permanent || job.attempts() >= maxAttempts;
        long delay = baseBackoffMillis << Math.min(10, job.attempts() - 1);
        db.withHandle(h -> h.createUpdate("UPDATE analysis_jobs SET state = :state, lease_until = NULL, last_error = :reason, "
                        + "run_after = :after, finished_at = :finished WHERE id = :id")
                .bind("state", last ? "failed" : "queued").bind("reason", reason)
                .bind("after", Database.now() + delay).bind("finished", last ? Database.now() : null)
                .bind("id", job.id()).execute());
        return last;
    }

    /** Jobs not finished yet, of any kind (for tests and status). */
    public long pending() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM analysis_jobs WHERE state IN ('queued', 'running')")
                .mapTo(Long.class).one());
    }

    /** Jobs of every kind by state. */
    public java.util.Map<String, Long> countByState() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        db.withHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM analysis_jobs GROUP BY state")
                .map((rs, ctx) -> counts.put(rs.getString("state"), rs.getLong("n"))).list());
        return counts;
    }
}
