package io.spyglass.server.metrics;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.analysis.job.JobObserver;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.servlet.FilterHolder;

/**
 * This node's metrics, served as Prometheus text at {@code GET /metrics}: HTTP requests by route
 * family, blob bytes in and out, analysis jobs, advisory data age, the connection pool and the JVM.
 * One registry per server (tests run several servers in one JVM), never Micrometer's global one.
 */
public final class ServerMetrics implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MetricsAccess access;
    private volatile SharedStateGauges shared;

    public ServerMetrics(MetricsAccess access) {
        this.access = access;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** For the connection pool and anything else that binds its own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Times and counts every request Javalin serves. */
    public void install(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(new RequestMetricsFilter(registry)),
                "/*", EnumSet.of(DispatcherType.REQUEST)));
    }

    /** What the analysis workers report about the jobs they ran. */
    public JobObserver jobs() {
        return new JobMetrics(registry);
    }

    /** Adds the gauges read from the shared database: the job queue and the advisory sources. */
    public void watch(Analysis analysis) {
        shared = new SharedStateGauges(registry, analysis);
    }

    public void register(Javalin app) {
        app.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        if (!access.permits(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
            ctx.status(401).contentType("text/plain; charset=utf-8").result("metrics need the metrics token (Authorization: Bearer …)\n");
            return;
        }
        SharedStateGauges s = shared;
        if (s != null) s.refresh();
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
