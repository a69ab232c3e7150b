package io.spyglass.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.spyglass.server.metrics.MetricsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code serve}'s log format and who may read {@code /metrics}. */
final class ObservabilityOptions {

    enum LogFormat { PLAIN, JSON }

    @Option(names = "--log-format", defaultValue = "${env:SPYGLASS_LOG_FORMAT:-plain}", paramLabel = "plain|json",
            description = "Log lines on standard error: plain text, or one JSON object per line (time, level, logger, message, requestId, exception) for a log shipper (env SPYGLASS_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    @Option(names = "--metrics-token-file", defaultValue = "${env:SPYGLASS_METRICS_TOKEN_FILE}", paramLabel = "FILE",
            description = "/metrics answers only requests with 'Authorization: Bearer TOKEN', TOKEN read from this file (or env SPYGLASS_METRICS_TOKEN); default: /metrics is open (it names no repository).")
    Path metricsTokenFile;

    /** Switches every console appender of the root logger to JSON lines when asked to. */
    void applyLogFormat() {
        if (logFormat != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                JsonLogEncoder encoder = new JsonLogEncoder();
                encoder.setContext(context);
                encoder.start();
                appender.stop();
                appender.setEncoder(encoder);
                appender.start();
            }
        }
    }

    /** The token from the file or the environment; never from the command line, where {@code ps} shows it. */
    MetricsAccess metricsAccess() throws IOException {
        if (metricsTokenFile != null) {
            String token = Files.readString(metricsTokenFile).strip();
            if (token.isEmpty()) throw new IOException(metricsTokenFile + " is empty");
            return new MetricsAccess(token);
        }
        return new MetricsAccess(System.getenv("SPYGLASS_METRICS_TOKEN"));
    }
}
