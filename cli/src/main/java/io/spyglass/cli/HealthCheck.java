package io.spyglass.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container image's health check: exits 0 when the server on this machine answers, 1 otherwise.
 * Its own tiny main class with only java.base, so the check starts a JVM in a fraction of a second
 * (picocli and the server classes are not loaded). Run by the image config's {@code Healthcheck};
 * {@code spyglass healthcheck} is the same for people.
 * <p>It asks {@code GET /healthz} (200 while the process serves; no database query), so a database
 * outage shows on {@code /readyz} without the orchestrator restarting a healthy process.
 */
public final class HealthCheck {

    static final String PATH = "/healthz";

    private HealthCheck() {
    }

    public static void main(String[] args) {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("SPYGLASS_PORT", "5000");
        String problem = check(port);
        if (problem != null) {
            System.err.println("spyglass healthcheck: " + problem);
            System.exit(1);
        }
    }

    /** Null when the server on 127.0.0.1:PORT answers like a Spyglass registry, else what is wrong. */
    static String check(String port) {
        URI uri;
        try {
            uri = URI.create("http://127.0.0.1:" + Integer.parseInt(port.trim()) + PATH);
        } catch (IllegalArgumentException e) {
            return "port '" + port + "' is not a number";
        }
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            return status == 200 ? null : uri + " answered HTTP " + status;
        } catch (IOException e) {
            return uri + ": " + e;
        } finally {
            if (connection != null) connection.disconnect();
        }
    }
}
