package io.spyglass.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.image.json.JsonToImageTranslator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Answers a registry's 401 challenge (distribution "Token Authentication Specification"): for
 * {@code Bearer}, fetches a token from the realm for the challenged scope, sending the basic
 * credentials if there are any; for {@code Basic}, uses the credentials directly.
 */
final class RegistryAuth {
    private final HttpClient http;
    private final RegistryOptions options;
    private final String registry;

    RegistryAuth(HttpClient http, RegistryOptions options, String registry) {
        this.http = http;
        this.options = options;
        this.registry = registry;
    }

    /** The Authorization header value that answers {@code challenge}. */
    String answer(WwwAuthenticate challenge, String defaultScope) throws IOException {
        if (challenge.isBasic()) {
            if (!options.hasCredentials()) throw noCredentials();
            return basic();
        }
        if (!challenge.isBearer()) {
            throw new ImageSourceException(registry + " asks for unsupported authentication '" + challenge.scheme() + "'");
        }
        String realm = challenge.param("realm");
        if (realm == null) throw new ImageSourceException(registry + " sent a Bearer challenge without a realm");
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (challenge.param("service") != null) url.append("service=").append(encode(challenge.param("service"))).append('&');
        String scope = challenge.param("scope") != null ? challenge.param("scope") : defaultScope;
        url.append("scope=").append(encode(scope));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30)).GET();
        if (options.hasCredentials()) request.header("Authorization", basic());
        HttpResponse<byte[]> response = send(request.build());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw options.hasCredentials()
                    ? new ImageSourceException(registry + " token service refused the credentials of user '" + options.user() + "'")
                    : noCredentials();
        }
        if (response.statusCode() != 200) {
            throw new ImageSourceException(registry + " token service answered HTTP " + response.statusCode());
        }
        JsonNode body = JsonToImageTranslator.mapper().readTree(response.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isBlank()) throw new ImageSourceException(registry + " token service returned no token");
        return "Bearer " + token;
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a registry token", e);
        }
    }

    private String basic() {
        String pair = options.user() + ":" + options.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private ImageSourceException noCredentials() {
        return new ImageSourceException(registry + " requires credentials: set SPYGLASS_REGISTRY_USER and SPYGLASS_REGISTRY_PASSWORD");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
