package io.spyglass.server.hub;

import io.spyglass.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Personal access tokens: a random secret shown once, stored as its SHA-256 (a 192-bit random
 * secret needs no slow hash), with a scope, revocable, with the time of last use.
 */
public final class AccessTokens {
    /** Every secret starts with this, so a token is told apart from a password at a glance. */
    public static final String PREFIX = "sgp_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    public AccessTokens(Database db) {
        this.db = db;
    }

    public record NewToken(long id, String secret, TokenScope scope) {}

    public record TokenInfo(long id, String label, TokenScope scope, long createdAt, Long lastUsedAt, Long revokedAt) {}

    public NewToken create(User user, String label, TokenScope scope) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + HexFormat.of().formatHex(bytes);
        long id = db.inTransaction(h -> {
            long next = Database.nextId(h, "access_tokens");
            h.createUpdate("INSERT INTO access_tokens (id, user_id, label, secret_hash, scope, created_at) "
                            + "VALUES (:id, :user, :label, :hash, :scope, :now)")
                    .bind("id", next).bind("user", user.id()).bind("label", label == null ? "" : label)
                    .bind("hash", hash(secret)).bind("scope", scope.wire()).bind("now", Database.now()).execute();
            return next;
        });
        return new NewToken(id, secret, scope);
    }

    /** The caller a live token stands for; records the use. */
    public Optional<Caller> authenticate(String userName, String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) return Optional.empty();
        String hash = hash(secret);
        Optional<Caller> caller = db.withHandle(h -> h.createQuery(
                        "SELECT t.id AS tid, t.scope, u.id, u.name FROM access_tokens t JOIN users u ON u.id = t.user_id "
                                + "WHERE t.secret_hash = :hash AND t.revoked_at IS NULL")
                .bind("hash", hash)
                .map((rs, ctx) -> Caller.token(new User(rs.getLong("id"), rs.getString("name")),
                        TokenScope.parse(rs.getString("scope")), rs.getLong("tid")))
                .findOne());
        // the user name given with a token must be its owner's (docker login sends both)
        caller = caller.filter(c -> userName == null || userName.isEmpty() || c.user().name().equals(userName));
        caller.ifPresent(c -> db.withHandle(h -> h.createUpdate(
                "UPDATE access_tokens SET last_used_at = :now WHERE secret_hash = :hash")
                .bind("now", Database.now()).bind("hash", hash).execute()));
        return caller;
    }

    public void revoke(User user, long id) {
        int n = db.withHandle(h -> h.createUpdate(
                        "UPDATE access_tokens SET revoked_at = :now WHERE id = :id AND user_id = :user AND revoked_at IS NULL")
                .bind("now", Database.now()).bind("id", id).bind("user", user.id()).execute());
        if (n == 0) throw HubException.notFound("no live token " + id + " for '" + user.name() + "'");
    }

    /** Whether the token is still live (refresh tokens minted from it stop with it). */
    public boolean live(long id) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM access_tokens WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).mapTo(Integer.class).one()) > 0;
    }

    public List<TokenInfo> list(User user) {
        return db.withHandle(h -> h.createQuery("SELECT id, label, scope, created_at, last_used_at, revoked_at "
                        + "FROM access_tokens WHERE user_id = :user ORDER BY id")
                .bind("user", user.id())
                .map((rs, ctx) -> new TokenInfo(rs.getLong("id"), rs.getString("label"),
                        TokenScope.parse(rs.getString("scope")), rs.getLong("created_at"),
                        nullableLong(rs, "last_used_at"), nullableLong(rs, "revoked_at")))
                .list());
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static String hash(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
