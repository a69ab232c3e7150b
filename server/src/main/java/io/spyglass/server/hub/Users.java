package io.spyglass.server.hub;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.spyglass.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Accounts: create, look up, check a password (bcrypt). */
public final class Users {
    private static final int BCRYPT_COST = 10;
    // a valid hash to compare against when the user does not exist, so timing does not tell
    private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(BCRYPT_COST, "x".toCharArray());

    private final Database db;
    private final java.util.Map<String, Boolean> verified = new java.util.concurrent.ConcurrentHashMap<>();

    public Users(Database db) {
        this.db = db;
    }

    public User create(String name, String password) {
        Names.namespace(name);
        if (password == null || password.length() < 8) {
            throw HubException.invalid("password for '" + name + "' is too short (at least 8 characters)");
        }
        String hash = BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
        return db.inTransaction(h -> {
            Namespaces.claim(h, name, "user");
            long id = Database.nextId(h, "users");
            h.createUpdate("INSERT INTO users (id, name, password_hash, created_at) VALUES (:id, :name, :hash, :now)")
                    .bind("id", id).bind("name", name).bind("hash", hash).bind("now", Database.now()).execute();
            return new User(id, name);
        });
    }

    public Optional<User> find(String name) {
        return db.withHandle(h -> h.createQuery("SELECT id, name FROM users WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new User(rs.getLong("id"), rs.getString("name")))
                .findOne());
    }

    public User require(String name) {
        return find(name).orElseThrow(() -> HubException.notFound("no user named '" + name + "'"));
    }

    /** The user when the password matches. */
    public Optional<User> authenticate(String name, String password) {
        Optional<String> hash = db.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
        // clients that send Basic on every request would pay a bcrypt each time; remember
        // (stored hash, SHA-256 of the password) pairs that verified, so a changed password misses
        String key = hash.orElse(DUMMY_HASH) + "\n" + AccessTokens.hash(password);
        boolean ok = verified.containsKey(key) || BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.orElse(DUMMY_HASH).getBytes(StandardCharsets.UTF_8)).verified;
        if (!ok || hash.isEmpty()) return Optional.empty();
        if (verified.size() > 10_000) verified.clear();
        verified.put(key, Boolean.TRUE);
        return find(name);
    }

    public void setPassword(String name, String password) {
        if (password == null || password.length() < 8) throw HubException.invalid("password is too short (at least 8 characters)");
        String hash = BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
        int n = db.withHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE name = :name")
                .bind("hash", hash).bind("name", name).execute());
        if (n == 0) throw HubException.notFound("no user named '" + name + "'");
    }

    public long count() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    public List<String> names() {
        return db.withHandle(h -> h.createQuery("SELECT name FROM users ORDER BY name").mapTo(String.class).list());
    }
}
