package io.spyglass.server.analysis;

import io.spyglass.server.webhook.Webhooks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.spyglass.server.SecurityOptions;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook targets against SSRF, on a real server: internal addresses are refused when saved and
 * again at delivery; with --allow-private-webhooks a local receiver gets its delivery; a redirect
 * from the receiver is not followed.
 */
class WebhookTargetTest {
    private static final String SECRET = "s3cret-for-hooks";

    @TempDir
    Path dir;

    @Test
    void internalTargetsAreRefusedWhenSavedWithTheReason() throws Exception {
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("ssrf", owner);
            fx.hub().repositories().create(org, "app", false);
            Map<String, String> refused = Map.of(
                    "http://127.0.0.1:8080/hook", "127.0.0.1 is a loopback address",
                    "http://10.1.2.3/hook", "10.1.2.3 is a private address (10/8)",
                    "http://[::1]:9000/hook", "is a loopback address",
                    "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address",
                    "http://localhost:5000/hook", "localhost resolves to ",
                    "http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a cloud metadata service name",
                    "http://[::ffff:192.168.0.1]/hook", "192.168.0.1 is a private address");
            for (Map.Entry<String, String> e : refused.entrySet()) {
                HttpResponse<byte[]> r = saveHook(fx, owner, org, e.getKey());
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertThat(r.statusCode()).as(e.getKey() + ": " + body).isEqualTo(400);
                assertThat(body).as(e.getKey()).contains("webhook url refused").contains(e.getValue());
            }
            JsonNode hooks = ServerFixture.json(fx.send("GET", "/api/repositories/" + org + "/app/webhooks", owner.basic(), null));
            assertThat(hooks.path("webhooks")).isEmpty();
        }
    }

    @Test
    void aTargetSavedEarlierIsCheckedAgainAtDeliveryAndFailsOnceWithTheReason() throws Exception {
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("ssrf", owner);
            long repo = fx.hub().repositories().create(org, "app", false).id();
            // as if saved when the name still resolved to a public address, or before the policy existed
            fx.server().database().withHandle(h -> h.createUpdate("INSERT INTO webhooks (id, repository_id, url, secret, created_at) "
                    + "VALUES (900, :repo, 'http://127.0.0.1:9/hook', :secret, 0)").bind("repo", repo).bind("secret", SECRET).execute());
            queue(fx, repo);
            JsonNode delivery = awaitFinished(fx, owner, org);
            assertThat(delivery.path("status").asText()).isEqualTo("failed");
            assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.path("lastError").asText()).isEqualTo(
                    "refused: 127.0.0.1 is a loopback address; serve --allow-private-webhooks allows such targets");
        }
    }

    @Test
    void withAllowPrivateALocalReceiverGetsItsDeliveryAndARedirectIsNotFollowed() throws Exception {
        List<String> hits = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = receiver.getAddress().getPort();
        receiver.createContext("/hook", ex -> {
            hits.add("/hook " + ex.getRequestHeaders().getFirst("Host") + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.createContext("/moved", ex -> {
            hits.add("/moved");
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/elsewhere");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        receiver.createContext("/elsewhere", ex -> {
            hits.add("/elsewhere");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        ServerConfig config = new ServerConfig(0, dir.resolve("data")).withSecurity(SecurityOptions.DEFAULT.withAllowPrivateWebhooks(true));
        try (ServerFixture fx = ServerFixture.start(config)) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("onprem", owner);
            long repo = fx.hub().repositories().create(org, "app", false).id();
            // cloud metadata stays refused even on-prem
            assertThat(saveHook(fx, owner, org, "http://169.254.169.254/").statusCode()).isEqualTo(400);
            assertThat(saveHook(fx, owner, org, "http://localhost:" + port + "/hook").statusCode()).isEqualTo(201);
            queue(fx, repo);
            JsonNode delivered = awaitFinished(fx, owner, org);
            assertThat(delivered.path("status").asText()).isEqualTo("delivered");
            assertThat(delivered.path("responseCode").asInt()).isEqualTo(204);
            // the name stays in the Host header although the connection went to the checked address
            assertThat(hits).singleElement().asString().startsWith("/hook localhost:" + port + " {\"event\":\"test.ping\"");

            fx.server().database().withHandle(h -> h.createUpdate("DELETE FROM webhook_deliveries").execute());
            fx.server().database().withHandle(h -> h.createUpdate("DELETE FROM webhooks").execute());
            hits.clear();
            assertThat(saveHook(fx, owner, org, "http://127.0.0.1:" + port + "/moved").statusCode()).isEqualTo(201);
            queue(fx, repo);
            JsonNode redirected = awaitFinished(fx, owner, org);
            assertThat(redirected.path("status").asText()).isEqualTo("failed");
            assertThat(redirected.path("lastError").asText()).contains("HTTP 307", "/elsewhere", "redirects are not followed");
            assertThat(hits).containsExactly("/moved");
        } finally {
            receiver.stop(0);
        }
    }

    private static HttpResponse<byte[]> saveHook(ServerFixture fx, Account owner, String org, String url) {
        String json = "{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\"}";
        return fx.send("POST", "/api/repositories/" + org + "/app/webhooks", owner.basic(), json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
    }

    /** Queues a delivery to every hook of the repository the way an analysed tag does. */
    private static void queue(ServerFixture fx, long repo) {
        fx.server().database().inTransaction(h -> {
            Webhooks.enqueue(h, repo, "test.ping", Map.of("repository", "x"));
            return null;
        });
        fx.server().analysis().nudge();
    }

    /** The newest delivery once it is no longer pending. */
    private static JsonNode awaitFinished(ServerFixture fx, Account owner, String org) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = ServerFixture.json(fx.send("GET", "/api/repositories/" + org + "/app/webhooks", owner.basic(), null))
                    .path("deliveries").path(0);
            if (!last.isMissingNode() && !last.path("status").asText().equals("pending")) return last;
            Thread.sleep(100);
        }
        throw new AssertionError("delivery still pending: " + last);
    }
}
