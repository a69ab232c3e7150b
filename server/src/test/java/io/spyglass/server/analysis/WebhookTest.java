package io.spyglass.server.analysis;

import io.spyglass.server.webhook.Webhooks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.server.hub.Role;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks reach a real HTTP receiver, signed, retried after a failure, with the history visible to admins. */
class WebhookTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "s3cret-for-hooks";

    @TempDir
    Path dir;

    record Received(String event, String signature, String body) {}

    @Test
    void analysedAndNewlyVulnerableTagsAreDeliveredSignedWithRetries() throws Exception {
        Skopeo.assumeInstalled();
        Path alpine = SharedData.requireCorpus("alpine/oci");
        List<Received> received = new CopyOnWriteArrayList<>();
        // the first delivery fails: the queue must retry it
        HttpServer receiver = startReceiver(received, true);
        // the receiver is on loopback: an on-prem setup, allowed by --allow-private-webhooks
        try (ServerFixture fx = ServerFixture.start(new io.spyglass.server.ServerConfig(0, dir.resolve("data"))
                .withSecurity(io.spyglass.server.SecurityOptions.DEFAULT.withAllowPrivateWebhooks(true)))) {
            Account owner = fx.newUser("owner");
            Account member = fx.newUser("member");
            String org = fx.newOrg("hooks", owner);
            fx.addMember(org, member, Role.MEMBER);
            fx.analysedRepository(owner, org, "app", false, "advanced");
            String hook = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"secret\":\"" + SECRET + "\"}";
            assertThat(fx.send("POST", "/api/repositories/" + org + "/app/webhooks", member.basic(), hook.getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(403);
            assertThat(fx.send("POST", "/api/repositories/" + org + "/app/webhooks", owner.basic(), hook.getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(201);

            String digest = fx.push(dir, owner, "oci:" + alpine + ":3.12.12", org + "/app:3.12");
            awaitDeliveries(received, 1);
            Received analysed = received.get(0);
            assertThat(analysed.event()).isEqualTo("tag.analysed");
            assertThat(analysed.signature()).isEqualTo("sha256=" + Webhooks.sign(SECRET, analysed.body()));
            JsonNode body = JSON.readTree(analysed.body());
            assertThat(body.path("repository").asText()).isEqualTo(org + "/app");
            assertThat(body.path("tag").asText()).isEqualTo("3.12");
            assertThat(body.path("digest").asText()).isEqualTo(digest);

            fx.server().analysis().advisoryStore().replaceSource("hook-feed", List.of(Advisory.builder("HOOK-1", "hook-feed")
                    .alias("CVE-2099-0100").severity(Rating.of("hook-feed", Severity.CRITICAL))
                    .affected(Affected.fixedIn("alpine:3.12", "zlib", "1.2.12-r9")).build()), "1");
            awaitDeliveries(received, 2);
            Received vulnerable = received.get(1);
            assertThat(vulnerable.event()).isEqualTo("tag.vulnerable");
            assertThat(vulnerable.body()).contains("CVE-2099-0100", "\"tag\":\"3.12\"");
            assertThat(vulnerable.signature()).isEqualTo("sha256=" + Webhooks.sign(SECRET, vulnerable.body()));

            HttpResponse<byte[]> history = fx.send("GET", "/api/repositories/" + org + "/app/webhooks", owner.basic(), null);
            JsonNode deliveries = ServerFixture.json(history).path("deliveries");
            assertThat(deliveries.findValuesAsText("status")).containsOnly("delivered");
            assertThat(deliveries.findValues("attempts").stream().map(JsonNode::asInt).toList()).containsExactlyInAnyOrder(1, 2);
            assertThat(fx.send("GET", "/api/repositories/" + org + "/app/webhooks", member.basic(), null).statusCode()).isEqualTo(403);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aNewFindingThatTheRepositorysVexSuppressesIsNotAnnounced() throws Exception {
        Skopeo.assumeInstalled();
        Path alpine = SharedData.requireCorpus("alpine/oci");
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = startReceiver(received, false);
        try (ServerFixture fx = ServerFixture.start(new io.spyglass.server.ServerConfig(0, dir.resolve("data"))
                .withSecurity(io.spyglass.server.SecurityOptions.DEFAULT.withAllowPrivateWebhooks(true)))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("vexhooks", owner);
            fx.analysedRepository(owner, org, "app", false, "advanced");
            String hook = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"secret\":\"" + SECRET + "\"}";
            assertThat(fx.send("POST", "/api/repositories/" + org + "/app/webhooks", owner.basic(), hook.getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(201);
            String digest = fx.push(dir, owner, "oci:" + alpine + ":3.12.12", org + "/app:3.12");
            JsonNode report = fx.awaitStatus(owner, org + "/app", "3.12", "done");
            String zlib = null;
            for (JsonNode p : report.path("images").get(0).path("packages")) {
                if (p.path("name").asText().equals("zlib")) zlib = p.path("purl").asText();
            }
            assertThat(zlib).as("zlib in the alpine 3.12 image").isNotNull();
            awaitDeliveries(received, 1);
            assertThat(received.get(0).event()).isEqualTo("tag.analysed");

            // the owners know zlib's CVE-2099-0100 does not affect this image
            String vex = "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"urn:uuid:hooks-1\",\"author\":\"Security <sec@example.org>\","
                    + "\"timestamp\":\"2026-11-01T10:00:00Z\",\"version\":1,\"statements\":[{\"vulnerability\":{\"name\":\"CVE-2099-0100\"},"
                    + "\"products\":[{\"@id\":\"pkg:oci/app@" + digest + "\",\"subcomponents\":[{\"@id\":\"" + zlib + "\"}]}],"
                    + "\"status\":\"not_affected\",\"justification\":\"vulnerable_code_not_in_execute_path\"}]}";
            HttpResponse<byte[]> uploaded = fx.send("POST", "/api/repositories/" + org + "/app/vex", owner.basic(), vex.getBytes(StandardCharsets.UTF_8));
            assertThat(uploaded.statusCode()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(201);

            Advisory suppressed = Advisory.builder("HOOK-1", "hook-feed").alias("CVE-2099-0100")
                    .severity(Rating.of("hook-feed", Severity.CRITICAL)).affected(Affected.fixedIn("alpine:3.12", "zlib", "99.0-r0")).build();
            fx.server().analysis().advisoryStore().replaceSource("hook-feed", List.of(suppressed), "1");
            fx.awaitReport(owner, org + "/app", "3.12", r -> ServerFixture.findings(r).stream().anyMatch(f -> f.contains("CVE-2099-0100")));
            fx.awaitNoJobs();
            // then one the statement does not cover: its webhook is the next delivery, naming it alone
            Advisory open = Advisory.builder("HOOK-2", "hook-feed").alias("CVE-2099-0200")
                    .severity(Rating.of("hook-feed", Severity.CRITICAL)).affected(Affected.fixedIn("alpine:3.12", "busybox", "99.0-r0")).build();
            fx.server().analysis().advisoryStore().replaceSource("hook-feed", List.of(suppressed, open), "2");
            fx.awaitReport(owner, org + "/app", "3.12", r -> ServerFixture.findings(r).stream().anyMatch(f -> f.contains("CVE-2099-0200")));
            awaitDeliveries(received, 2);
            Received vulnerable = received.get(1);
            assertThat(vulnerable.event()).isEqualTo("tag.vulnerable");
            JsonNode added = JSON.readTree(vulnerable.body()).path("added");
            assertThat(added).as(vulnerable.body()).isNotEmpty()
                    .allSatisfy(a -> assertThat(a.asText()).startsWith("CVE-2099-0200 "));
        } finally {
            receiver.stop(0);
        }
    }

    /** A webhook receiver on loopback adding what it accepts to {@code received}; {@code failFirst}: it answers the first call 500. */
    private static HttpServer startReceiver(List<Received> received, boolean failFirst) throws java.io.IOException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failFirst && calls.incrementAndGet() == 1 ? 500 : 200;
            if (status == 200) received.add(new Received(ex.getRequestHeaders().getFirst("X-Spyglass-Event"),
                    ex.getRequestHeaders().getFirst("X-Spyglass-Signature"), body));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        return receiver;
    }

    private static void awaitDeliveries(List<Received> received, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (received.size() < n && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertThat(received).hasSizeGreaterThanOrEqualTo(n);
    }
}
