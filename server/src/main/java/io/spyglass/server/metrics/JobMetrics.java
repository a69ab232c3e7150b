package io.spyglass.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spyglass.server.analysis.job.JobObserver;
import java.time.Duration;
import java.util.Locale;

/**
 * The jobs this node ran: how long each took by kind (analyse, reevaluate, webhook) and outcome,
 * and how many failed and were queued again or failed for good.
 */
final class JobMetrics implements JobObserver {
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(900)};

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(String kind, Duration took, Outcome outcome) {
        String result = outcome.name().toLowerCase(Locale.ROOT);
        Timer.builder("spyglass.analysis.job.duration")
                .description("Analysis, re-evaluation and webhook jobs run on this node, by kind and outcome")
                .tags("kind", kind, "outcome", result)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
        if (outcome == Outcome.RETRY) counter("spyglass.analysis.job.retries", "Job runs that failed and were queued again", kind).increment();
        if (outcome == Outcome.FAILED) counter("spyglass.analysis.job.failures", "Jobs that failed for good", kind).increment();
    }

    private Counter counter(String name, String description, String kind) {
        return Counter.builder(name).description(description).tag("kind", kind).register(registry);
    }
}
