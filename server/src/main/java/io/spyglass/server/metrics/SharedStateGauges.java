package io.spyglass.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.spyglass.advisory.SourceStatus;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.ops.BoundedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all nodes share, read from the database when {@code /metrics} is scraped: the job queue by
 * state, and how old each advisory source's data is. A database that does not answer within two
 * seconds leaves the last values (the scrape itself must not hang).
 */
final class SharedStateGauges {
    private static final Logger log = LoggerFactory.getLogger(SharedStateGauges.class);
    private static final List<String> STATES = List.of("queued", "running", "failed");
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private record Snapshot(Map<String, Long> jobs, List<SourceStatus> sources) {}

    private final Map<String, Long> jobs = new ConcurrentHashMap<>();
    private final MultiGauge ages;
    private final BoundedCall<Snapshot> read;

    SharedStateGauges(MeterRegistry registry, Analysis analysis) {
        for (String state : STATES) {
            Gauge.builder("spyglass.analysis.jobs", jobs, m -> m.getOrDefault(state, 0L))
                    .description("Jobs in the shared queue by state (all nodes)").tag("state", state).register(registry);
        }
        this.ages = MultiGauge.builder("spyglass.advisory.data.age").baseUnit("seconds")
                .description("Seconds since each advisory source was last imported").register(registry);
        this.read = new BoundedCall<>("metrics-read", () -> new Snapshot(analysis.jobsByState(), analysis.advisoryStore().status()));
    }

    /** Reads the database again; keeps the last values when it does not answer. */
    void refresh() {
        try {
            Snapshot s = read.get(DEADLINE);
            for (String state : STATES) jobs.put(state, s.jobs().getOrDefault(state, 0L));
            Instant now = Instant.now();
            ages.register(s.sources().stream().map(src -> MultiGauge.Row.of(Tags.of("source", src.source()),
                    Duration.between(src.lastImport(), now).toMillis() / 1000.0)).toList(), true);
        } catch (TimeoutException | RuntimeException e) {
            log.debug("metrics: the database did not answer, keeping the last job and advisory values: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
