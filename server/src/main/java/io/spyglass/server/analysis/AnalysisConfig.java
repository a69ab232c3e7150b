package io.spyglass.server.analysis;

/**
 * How this node takes part in analysis.
 *
 * @param workers       worker threads (0 = this node runs no jobs, e.g. {@code --role=api})
 * @param pollMillis    how often an idle worker and the event dispatcher look for work
 * @param leaseMillis   how long a claimed job is held before another node may redo it
 * @param maxAttempts   tries before a job fails for good
 * @param backoffMillis first retry delay; doubled per attempt
 */
public record AnalysisConfig(int workers, long pollMillis, long leaseMillis, int maxAttempts, long backoffMillis) {
    public AnalysisConfig {
        if (workers < 0) throw new IllegalArgumentException("workers must be 0 or more");
        if (pollMillis <= 0 || leaseMillis <= 0 || maxAttempts <= 0 || backoffMillis <= 0) {
            throw new IllegalArgumentException("poll, lease, attempts and back-off must be positive");
        }
    }

    public static final AnalysisConfig DEFAULT = new AnalysisConfig(2, 250, 120_000, 3, 2_000);

    /** Settings from system properties {@code spyglass.analysis.*} (workers, leaseMillis), for child processes in tests. */
    public static AnalysisConfig fromSystemProperties() {
        return new AnalysisConfig(Integer.getInteger("spyglass.analysis.workers", DEFAULT.workers()),
                Long.getLong("spyglass.analysis.pollMillis", DEFAULT.pollMillis()),
                Long.getLong("spyglass.analysis.leaseMillis", DEFAULT.leaseMillis()),
                DEFAULT.maxAttempts(), DEFAULT.backoffMillis());
    }
}
