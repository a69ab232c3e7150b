package io.spyglass.server.audit;

import io.javalin.config.Key;
import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.store.Database;
import io.spyglass.server.throttle.ClientAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log ({@code audit_events}): sign-ins, tokens, settings changes, deletions, webhooks,
 * memberships and site-admin changes, each with actor, client address, target and outcome.
 * Handlers reach it through the Javalin app's data ({@link #of}) so that wiring it in is one line
 * where the action happens. Callers pass names and ids only: never a password, token or secret.
 */
public final class AuditLog {
    public static final Key<AuditLog> KEY = new Key<>("spyglass.audit");
    public static final int MAX_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** One recorded event; {@code actorId}/{@code actor} are null for anonymous callers. */
    public record Event(long id, Instant at, Long actorId, String actor, String address, String action,
                        String target, boolean success, String details) {}

    /** What {@link #query} selects; null fields select everything. {@code before} is an event id (paging). */
    public record Filter(String actor, String action, Instant since, Instant until, Long before, int limit) {}

    private final Database db;
    private final ClientAddress clients;

    public AuditLog(Database db, ClientAddress clients) {
        this.db = db;
        this.clients = clients;
    }

    /** The log of the app serving {@code ctx}; a bare app (some page tests) has none and records nothing. */
    public static Optional<AuditLog> of(Context ctx) {
        try {
            return Optional.of(ctx.appData(KEY));
        } catch (io.javalin.config.NoValueForKeyException e) {
            return Optional.empty();
        }
    }

    /** Records what {@code caller} did from {@code ctx}'s client address. */
    public static void record(Context ctx, Caller caller, String action, String target, boolean success, String details) {
        Long id = caller == null || caller.anonymous() ? null : caller.user().id();
        String name = caller == null ? null : caller.name().orElse(null);
        record(ctx, id, name, action, target, success, details);
    }

    /** The same for an actor known only by name (a failed sign-in names the account tried). */
    public static void record(Context ctx, Long actorId, String actor, String action, String target, boolean success, String details) {
        of(ctx).ifPresent(audit -> audit.insert(actorId, actor, audit.clients.of(ctx), action, target, success, details));
    }

    /**
     * Writes one event. A failure to write is logged, not thrown: the action it describes has
     * already happened (or been refused) and its answer must still reach the client.
     */
    public void insert(Long actorId, String actor, String address, String action, String target, boolean success, String details) {
        try {
            db.inTransaction(h -> h.createUpdate("INSERT INTO audit_events (id, at, actor_id, actor_name, address, action, target, outcome, details) "
                            + "VALUES (:id, :at, :actorId, :actor, :address, :action, :target, :outcome, :details)")
                    .bind("id", Database.nextId(h, "audit_events"))
                    .bind("at", Database.now())
                    .bind("actorId", actorId)
                    .bind("actor", clip(actor))
                    .bind("address", address)
                    .bind("action", action)
                    .bind("target", clip(target))
                    .bind("outcome", success ? "success" : "failure")
                    .bind("details", clip(details))
                    .execute());
        } catch (RuntimeException e) {
            log.error("cannot write the audit event {} on {}: {}", action, target, e.toString());
        }
    }

    /** Events matching {@code filter}, newest first. */
    public List<Event> query(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE 1 = 1");
        if (f.actor() != null) sql.append(" AND actor_name = :actor");
        if (f.action() != null) sql.append(" AND action = :action");
        if (f.since() != null) sql.append(" AND at >= :since");
        if (f.until() != null) sql.append(" AND at < :until");
        if (f.before() != null) sql.append(" AND id < :before");
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql.toString()).bind("limit", Math.max(1, Math.min(MAX_LIMIT, f.limit())));
            if (f.actor() != null) q.bind("actor", f.actor());
            if (f.action() != null) q.bind("action", f.action());
            if (f.since() != null) q.bind("since", f.since().toEpochMilli());
            if (f.until() != null) q.bind("until", f.until().toEpochMilli());
            if (f.before() != null) q.bind("before", f.before());
            return q.map((rs, c) -> new Event(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")),
                    rs.getObject("actor_id") == null ? null : rs.getLong("actor_id"), rs.getString("actor_name"),
                    rs.getString("address"), rs.getString("action"), rs.getString("target"),
                    "success".equals(rs.getString("outcome")), rs.getString("details"))).list();
        });
    }

    /** A user-typed name can be long: the log keeps the first 200 characters. */
    private static String clip(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
