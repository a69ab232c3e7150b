package io.spyglass.server.analysis.job;

import java.time.Duration;

/** Told how each job this node ran ended (the metrics listen; analysis knows nothing of them). */
public interface JobObserver {
    JobObserver NONE = (kind, took, outcome) -> { };

    /** How a run of a job ended: done, failed and queued again, or failed for good. */
    enum Outcome { DONE, RETRY, FAILED }

    /** {@code kind}: {@code analyse}, {@code reevaluate} or {@code webhook}. */
    void finished(String kind, Duration took, Outcome outcome);
}
