package io.spyglass.server.hub;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.spyglass.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Accounts: create, look up, list, check or change a password (bcrypt), delete. */
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

    /** An account as the operator's list shows it: never its password hash. */
    public record Account(String name, long createdAt, boolean siteAdmin, List<Organizations.Membership> orgs) {}

    /** Every account with the organisations it belongs to, by name. */
    public List<Account> list() {
        record Row(long id, String name, long createdAt, boolean siteAdmin) {}
        return db.withHandle(h -> h.createQuery("SELECT id, name, created_at, site_admin FROM users ORDER BY name")
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getLong("created_at"),
                        rs.getBoolean("site_admin"))).list().stream()
                .map(r -> new Account(r.name(), r.createdAt(), r.siteAdmin(), Organizations.memberships(h, r.id())))
                .toList());
    }

    /**
     * Deletes the account with its access tokens, memberships and sign-in sessions, and frees the
     * name. Refused while it is the only owner of an organisation or still has repositories, since
     * either would be left without anyone who may administer it.
     */
    public void delete(String name) {
        db.inTransaction(h -> {
            User user = h.createQuery("SELECT id, name FROM users WHERE name = :name").bind("name", name)
                    .map((rs, ctx) -> new User(rs.getLong("id"), rs.getString("name"))).findOne()
                    .orElseThrow(() -> HubException.notFound("no user named '" + name + "'"));
            SiteAdmins.refuseLast(h, user, "deleted");
            List<String> soleOwned = h.createQuery("SELECT o.name FROM organizations o JOIN org_members m ON m.org_id = o.id "
                            + "WHERE m.user_id = :user AND m.role = 'owner' AND NOT EXISTS (SELECT 1 FROM org_members x "
                            + "WHERE x.org_id = o.id AND x.role = 'owner' AND x.user_id <> :user) ORDER BY o.name")
                    .bind("user", user.id()).mapTo(String.class).list();
            if (!soleOwned.isEmpty()) {
                throw HubException.invalid("'" + name + "' is the last owner of organisation " + String.join(", ", soleOwned)
                        + "; make another member owner first (admin org add-member ORG USER --role owner)");
            }
            List<String> repos = h.createQuery("SELECT name FROM repositories WHERE namespace = :ns ORDER BY name")
                    .bind("ns", name).mapTo(String.class).list();
            if (!repos.isEmpty()) {
                throw HubException.invalid("'" + name + "' still has repositories " + name + "/" + String.join(", " + name + "/", repos)
                        + "; delete them first (admin repo delete)");
            }
            for (String table : List.of("access_tokens", "org_members", "web_sessions")) {
                h.createUpdate("DELETE FROM " + table + " WHERE user_id = :user").bind("user", user.id()).execute();
            }
            h.createUpdate("DELETE FROM users WHERE id = :user").bind("user", user.id()).execute();
            h.createUpdate("DELETE FROM namespaces WHERE name = :name").bind("name", name).execute();
            return null;
        });
        verified.clear();
    }

    public long count() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    public List<String> names() {
        return db.withHandle(h -> h.createQuery("SELECT name FROM users ORDER BY name").mapTo(String.class).list());
    }
}
