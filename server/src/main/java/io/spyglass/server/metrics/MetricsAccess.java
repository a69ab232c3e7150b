package io.spyglass.server.metrics;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics}. Open by default, as distribution's and most exporters' are: the
 * labels name route families and advisory sources, never a repository. With a token, only a
 * scraper sending {@code Authorization: Bearer TOKEN} reads them (Prometheus: {@code authorization:
 * credentials_file}).
 *
 * @param token the bearer token, or null for open
 */
public record MetricsAccess(String token) {
    public static final MetricsAccess OPEN = new MetricsAccess(null);

    public MetricsAccess {
        if (token != null && token.isBlank()) token = null;
        if (token != null) token = token.strip();
    }

    boolean permits(Context ctx) {
        if (token == null) return true;
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        // constant time: the answer must not tell how much of a guess was right
        return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return token == null ? "MetricsAccess[open]" : "MetricsAccess[token]";
    }
}
