package io.spyglass.server.auth;

import io.spyglass.server.hub.AccessTokens;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A user name and a password or personal access token, from {@code Authorization: Basic …} or a form. */
public record BasicCredentials(String user, String secret) {

    /** Parses a Basic header; empty when the header is absent, not Basic, or malformed. */
    public static Optional<BasicCredentials> fromHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) return Optional.empty();
            return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The caller these credentials sign in: a personal access token first, then a password. */
    public Optional<Caller> authenticate(Hub hub) {
        if (secret.startsWith(AccessTokens.PREFIX)) {
            Optional<Caller> byToken = hub.tokens().authenticate(user, secret);
            if (byToken.isPresent()) return byToken;
        }
        if (user.isEmpty() || secret.isEmpty()) return Optional.empty();
        return hub.users().authenticate(user, secret).map(Caller::password);
    }
}
