package io.spyglass.server.webhook;

import io.spyglass.server.analysis.ImageInsight;
import io.spyglass.server.analysis.job.AnalysisJobs;
import io.spyglass.server.analysis.job.JobQueue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.Database;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;

/**
 * Webhooks per repository: a JSON POST signed with HMAC-SHA256 of the body under the hook's secret
 * ({@code X-Spyglass-Signature: sha256=HEX}), sent when a tag is analysed ({@code tag.analysed}) and
 * when re-evaluation adds a critical or high finding to a repository's latest tag
 * ({@code tag.vulnerable}). Each delivery is a job: retried with back-off, its history kept.
 * Targets are checked against the webhook address policy when saved and again at each delivery
 * (the name may resolve elsewhere by then); a refused target fails the delivery for good, with the reason.
 */
public final class Webhooks {
    static final ObjectMapper JSON = new ObjectMapper();

    public record Webhook(long id, String url, long createdAt) {}

    public record Delivery(long id, long webhookId, String event, String status, long attempts, Integer responseCode,
                           String lastError, long createdAt, Long deliveredAt) {}

    private final Database db;
    private final Hub hub;
    private final WebhookTargets targets;
    private final WebhookSender sender;

    public Webhooks(Database db, Hub hub, WebhookTargets targets) {
        this.db = db;
        this.hub = hub;
        this.targets = targets;
        this.sender = new WebhookSender(targets);
    }

    /** Adds a hook; owners and admins only. */
    public Webhook create(Caller caller, Repository repo, String url, String secret) {
        requireAdmin(caller, repo);
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw new ImageInsight.Refused(400, "webhook url is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null) {
            throw new ImageInsight.Refused(400, "webhook url must be http:// or https:// with a host");
        }
        if (secret == null || secret.length() < 8) throw new ImageInsight.Refused(400, "webhook secret must have at least 8 characters");
        targets.refusalNow(uri).ifPresent(why -> {
            throw new ImageInsight.Refused(400, "webhook url refused: " + why);
        });
        return db.inTransaction(h -> {
            long id = Database.nextId(h, "webhooks");
            long now = Database.now();
            h.createUpdate("INSERT INTO webhooks (id, repository_id, url, secret, created_at) VALUES (:id, :repo, :url, :secret, :now)")
                    .bind("id", id).bind("repo", repo.id()).bind("url", url).bind("secret", secret).bind("now", now).execute();
            return new Webhook(id, url, now);
        });
    }

    /** The hooks and their newest deliveries; owners and admins only. */
    public Map<String, Object> list(Caller caller, Repository repo) {
        requireAdmin(caller, repo);
        return db.withHandle(h -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("webhooks", h.createQuery("SELECT id, url, created_at FROM webhooks WHERE repository_id = :repo ORDER BY id")
                    .bind("repo", repo.id()).map((rs, ctx) -> new Webhook(rs.getLong("id"), rs.getString("url"), rs.getLong("created_at"))).list());
            out.put("deliveries", h.createQuery("SELECT d.* FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                            + "WHERE w.repository_id = :repo ORDER BY d.id DESC LIMIT 100")
                    .bind("repo", repo.id())
                    .map((rs, ctx) -> {
                        long code = rs.getLong("response_code");
                        Integer response = rs.wasNull() ? null : (int) code;
                        long delivered = rs.getLong("delivered_at");
                        Long deliveredAt = rs.wasNull() ? null : delivered;
                        return new Delivery(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("event"), rs.getString("status"),
                                rs.getLong("attempts"), response, rs.getString("last_error"), rs.getLong("created_at"), deliveredAt);
                    }).list());
            return out;
        });
    }

    private void requireAdmin(Caller caller, Repository repo) {
        if (!hub.permissions().canChangeSettings(caller, repo)) {
            throw new ImageInsight.Refused(403, hub.permissions().settingsRefusal(caller, repo, "manage webhooks"));
        }
    }

    /** Queues {@code event} for every hook of the repository, in the caller's transaction. */
    public static void enqueue(Handle h, long repositoryId, String event, Map<String, Object> payload) {
        List<Long> hooks = h.createQuery("SELECT id FROM webhooks WHERE repository_id = :repo").bind("repo", repositoryId)
                .mapTo(Long.class).list();
        if (hooks.isEmpty()) return;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.putAll(payload);
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (long hook : hooks) {
            long id = Database.nextId(h, "webhook_deliveries");
            h.createUpdate("INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, created_at) "
                            + "VALUES (:id, :hook, :event, :payload, 'pending', :now)")
                    .bind("id", id).bind("hook", hook).bind("event", event).bind("payload", json).bind("now", Database.now()).execute();
            JobQueue.enqueue(h, AnalysisJobs.WEBHOOK, AnalysisJobs.WEBHOOK + ":" + id, Long.toString(id));
        }
    }

    /** Sends one delivery; a non-2xx answer or no answer throws, and the queue retries with back-off. */
    public void deliver(long deliveryId) throws IOException {
        Map<String, Object> row = db.withHandle(h -> h.createQuery("SELECT d.event, d.payload, w.url, w.secret FROM webhook_deliveries d "
                        + "JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = :id")
                .bind("id", deliveryId).mapToMap().one());
        String payload = (String) row.get("payload");
        Map<String, String> headers = Map.of("User-Agent", "Spyglass-Webhook",
                "X-Spyglass-Event", (String) row.get("event"),
                "X-Spyglass-Delivery", Long.toString(deliveryId),
                "X-Spyglass-Signature", "sha256=" + sign((String) row.get("secret"), payload));
        int code;
        try {
            code = sender.post(URI.create((String) row.get("url")), headers, payload);
        } catch (WebhookRefused e) {
            record(deliveryId, null, "refused: " + e.getMessage(), false);
            throw e;
        } catch (IOException e) {
            record(deliveryId, null, e.toString(), false);
            throw e;
        }
        boolean ok = code >= 200 && code < 300;
        record(deliveryId, code, ok ? null : "HTTP " + code, ok);
        if (!ok) throw new IOException("webhook answered HTTP " + code);
    }

    private void record(long id, Integer code, String error, boolean delivered) {
        db.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET attempts = attempts + 1, response_code = :code, "
                        + "last_error = :error, status = :status, delivered_at = :at WHERE id = :id")
                .bind("code", code).bind("error", error).bind("status", delivered ? "delivered" : "pending")
                .bind("at", delivered ? Database.now() : null).bind("id", id).execute());
    }

    public static void failed(Database db, long id) {
        db.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET status = 'failed' WHERE id = :id").bind("id", id).execute());
    }

    /** HMAC-SHA256 of the body under the secret, hex: what a receiver computes to check a delivery. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
