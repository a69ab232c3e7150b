package io.spyglass.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Web sign-in sessions (table {@code web_sessions}). Any node can answer for any session, so the
 * server stays stateless. The cookie value is 32 random bytes; the table keeps only its hash.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /** A session as the pages see it; {@code userId} and {@code userName} are null before sign-in. */
    public record Session(Long userId, String userName, String csrfToken) {}

    /** A new session: the cookie value to hand to the browser (never stored) and its CSRF token. */
    public record NewSession(String cookieValue, String csrfToken) {}

    public NewSession create(Long userId, Duration lifetime) {
        String cookie = randomToken();
        String csrf = randomToken();
        long now = Database.now();
        db.withHandle(h -> {
            // a good moment to forget the expired ones; cheap thanks to the index
            h.createUpdate("DELETE FROM web_sessions WHERE expires_at < :now").bind("now", now).execute();
            return h.createUpdate("INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, expires_at) "
                            + "VALUES (:id, :user, :csrf, :now, :expires)")
                    .bind("id", hash(cookie)).bind("user", userId).bind("csrf", csrf)
                    .bind("now", now).bind("expires", now + lifetime.toMillis()).execute();
        });
        return new NewSession(cookie, csrf);
    }

    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return db.withHandle(h -> h.createQuery("SELECT s.user_id, u.name, s.csrf_token FROM web_sessions s "
                        + "LEFT JOIN users u ON u.id = s.user_id WHERE s.id_hash = :id AND s.expires_at > :now")
                .bind("id", hash(cookieValue)).bind("now", Database.now())
                .map((rs, ctx) -> {
                    long user = rs.getLong("user_id");
                    return new Session(rs.wasNull() ? null : user, rs.getString("name"), rs.getString("csrf_token"));
                })
                .findOne());
    }

    public void delete(String cookieValue) {
        if (cookieValue != null) {
            db.withHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE id_hash = :id")
                    .bind("id", hash(cookieValue)).execute());
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
