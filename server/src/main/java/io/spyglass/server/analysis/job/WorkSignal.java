package io.spyglass.server.analysis.job;

/**
 * Wakes this node's idle workers when it has just queued work, so a push is picked up at once
 * rather than at the next poll. Polling stays the fallback: jobs queued by another node (or by a
 * CLI writing to the same database) are still found within one poll interval.
 */
public final class WorkSignal {
    private long generation;

    /** Wakes every worker waiting in {@link #await}. */
    public synchronized void signal() {
        generation++;
        notifyAll();
    }

    /** The current generation, read before looking for work, so a signal sent meanwhile is not lost. */
    synchronized long generation() {
        return generation;
    }

    /** Waits up to {@code millis} unless a signal came after {@code seen}. */
    synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (generation == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return;
            wait(left);
        }
    }
}
