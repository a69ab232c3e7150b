package io.spyglass.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.server.Request;

/**
 * Times every request by route family, method and status, and counts the blob bytes that went in
 * (upload requests) and out (blob GETs). The byte counts are Jetty's own: what the handler read
 * from the request body and what was written to the response body, so no stream is wrapped.
 */
final class RequestMetricsFilter implements Filter {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Histogram buckets: a tag list takes milliseconds, a layer upload may take minutes. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final Counter pushed;
    private final Counter pulled;

    RequestMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
        this.pushed = Counter.builder("spyglass.registry.pushed").baseUnit("bytes")
                .description("Blob bytes received in successful upload requests").register(registry);
        this.pulled = Counter.builder("spyglass.registry.pulled").baseUnit("bytes")
                .description("Blob bytes sent in answers to successful blob GETs").register(registry);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            record((HttpServletRequest) req, (HttpServletResponse) res, System.nanoTime() - start);
        }
    }

    private void record(HttpServletRequest req, HttpServletResponse res, long nanos) {
        RouteFamily family = RouteFamily.of(req.getRequestURI());
        // an unknown method is one label value, not one per string a client makes up
        String method = METHODS.contains(req.getMethod()) ? req.getMethod() : "OTHER";
        int status = res.getStatus();
        Timer.builder("spyglass.http.requests")
                .description("HTTP requests by route family, method and status")
                .tags("family", family.label(), "method", method, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
        if (status < 200 || status > 299) return;
        Request jetty = Request.getBaseRequest(req);
        if (jetty == null) return;
        if (family == RouteFamily.UPLOADS) pushed.increment(jetty.getHttpInput().getContentConsumed());
        if (family == RouteFamily.BLOBS && method.equals("GET")) pulled.increment(jetty.getResponse().getHttpChannel().getBytesWritten());
    }
}
