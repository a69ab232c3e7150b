package io.spyglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JSON API of one Spyglass server, asked as one user (or anonymously): what every command that
 * talks to a server shares, so a refused login or an unreachable server reads the same everywhere.
 */
final class ServerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final String who;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param authorization a full Authorization header value, or null for anonymous; {@code who} names its user */
    ServerClient(URI base, String authorization, String who) {
        this.base = base;
        this.authorization = authorization;
        this.who = who;
    }

    URI base() {
        return base;
    }

    /** The user asking, or null for anonymous. */
    String who() {
        return who;
    }

    /** Sends {@code method path} ({@code body} JSON or null); a 401 is an error naming the user, other statuses are the caller's. */
    HttpResponse<String> send(String method, String path, String body) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) req.header("Content-Type", "application/json");
        if (authorization != null) req.header("Authorization", authorization);
        HttpResponse<String> r;
        try {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + base, e);
        } catch (IOException e) {
            throw new IOException("cannot reach the Spyglass server " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (r.statusCode() == 401) throw new IOException(base + " refused the credentials" + (who == null ? "" : " of " + who));
        return r;
    }

    /** The {@code error} of a JSON error body, else the body as it came. */
    static String error(String body) {
        try {
            return JSON.readTree(body).path("error").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
