package io.spyglass.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.SecurityOptions;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.testing.PostgresS3Stack;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log end to end on a real server (SQLite + folder, and PostgreSQL + S3): sign-ins on the web and at
 * {@code /token}, an access token created and revoked, a repository's settings changed, a webhook
 * saved, the repository deleted; each shows in {@code GET /api/admin/audit} for a site admin with
 * actor, action, target, outcome and address, and none holds a password, token or secret used.
 */
class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"new-token-secret\">([^<]+)<");

    @TempDir
    Path dir;

    @Test
    void onSqlite() throws Exception {
        try (ServerFixture fx = ServerFixture.start(new ServerConfig(0, dir.resolve("data"))
                .withSecurity(SecurityOptions.DEFAULT.withAllowPrivateWebhooks(true)))) {
            securityRelevantActionsAreRecordedWithoutSecrets(fx);
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (PostgresS3Stack stack = PostgresS3Stack.start(dir);
             ServerFixture fx = ServerFixture.start(stack.config(dir.resolve("data"))
                     .withSecurity(SecurityOptions.DEFAULT.withAllowPrivateWebhooks(true)))) {
            securityRelevantActionsAreRecordedWithoutSecrets(fx);
        }
    }

    private void securityRelevantActionsAreRecordedWithoutSecrets(ServerFixture fx) throws Exception {
        Account admin = fx.newUser("root");
        fx.hub().siteAdmins().set(admin.name(), true);
        Account user = fx.newUser("alice");
        String wrongPassword = "not-" + user.password();

        Web web = new Web(fx);
        assertThat(web.post("/signin", "csrf", web.csrf("/signin"), "username", user.name(), "password", wrongPassword).statusCode())
                .isEqualTo(401);
        assertThat(web.post("/signin", "csrf", web.csrf("/signin"), "username", user.name(), "password", user.password()).statusCode())
                .isEqualTo(302);
        String wrongBasic = "Basic " + java.util.Base64.getEncoder().encodeToString((user.name() + ":" + wrongPassword).getBytes(StandardCharsets.UTF_8));
        assertThat(fx.send("GET", "/token?service=x", wrongBasic, null).statusCode()).isEqualTo(401);

        HttpResponse<String> created = web.post("/settings/tokens", "csrf", web.csrf("/settings"), "label", "ci runner", "scope", "read");
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).as("the new token is shown once").isTrue();
        String tokenSecret = secret.group(1);
        long tokenId = fx.hub().tokens().list(fx.hub().users().require(user.name())).get(0).id();
        // a token grant with the password is recorded, one with the access token (every pull) is not
        String tokenBasic = "Basic " + java.util.Base64.getEncoder().encodeToString((user.name() + ":" + tokenSecret).getBytes(StandardCharsets.UTF_8));
        assertThat(fx.send("GET", "/token?service=x", tokenBasic, null).statusCode()).isEqualTo(200);
        assertThat(fx.send("GET", "/token?service=x", user.basic(), null).statusCode()).isEqualTo(200);
        assertThat(web.post("/settings/tokens/" + tokenId + "/revoke", "csrf", web.csrf("/settings")).statusCode()).isLessThan(400);

        String org = user.name() + "-org";
        assertThat(web.post("/organizations/new", "csrf", web.csrf("/organizations/new"), "name", org).statusCode()).isEqualTo(302);
        String repo = user.name() + "/app";
        assertThat(fx.send("POST", "/api/repositories", user.basic(),
                json("{\"namespace\":\"" + user.name() + "\",\"name\":\"app\"}"), "Content-Type", "application/json").statusCode()).isEqualTo(201);
        assertThat(fx.send("PATCH", "/api/repositories/" + repo, user.basic(), json("{\"private\":true}")).statusCode()).isEqualTo(200);
        String hookSecret = "hook-secret-" + System.nanoTime();
        assertThat(fx.send("POST", "/api/repositories/" + repo + "/webhooks", user.basic(),
                json("{\"url\":\"http://127.0.0.1:9/hook?key=" + hookSecret + "\",\"secret\":\"" + hookSecret + "\"}")).statusCode()).isEqualTo(201);
        assertThat(fx.send("DELETE", "/api/repositories/" + repo, user.basic(), null).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> answer = fx.send("GET", "/api/admin/audit?limit=100", admin.basic(), null);
        assertThat(answer.statusCode()).isEqualTo(200);
        String raw = new String(answer.body(), StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(raw).forEach(events::add);

        assertEvent(events, "signin.web", null, user.name(), "failure");
        assertEvent(events, "signin.web", user.name(), user.name(), "success");
        assertEvent(events, "signin.token", null, user.name(), "failure");
        assertEvent(events, "signin.token", user.name(), user.name(), "success");
        assertThat(events.stream().filter(e -> e.path("action").asText().equals("signin.token") && e.path("outcome").asText().equals("success")))
                .as("only the password grant").hasSize(1);
        assertEvent(events, "token.create", user.name(), "token " + tokenId, "success");
        assertEvent(events, "token.revoke", user.name(), "token " + tokenId, "success");
        assertEvent(events, "org.create", user.name(), org, "success");
        assertEvent(events, "repository.settings", user.name(), repo, "success");
        assertEvent(events, "webhook.save", user.name(), repo, "success");
        assertEvent(events, "repository.delete", user.name(), repo, "success");
        assertThat(events.get(0).path("action").asText()).as("newest first").isEqualTo("repository.delete");

        assertThat(raw).doesNotContain(user.password()).doesNotContain(wrongPassword).doesNotContain(tokenSecret)
                .doesNotContain(hookSecret).doesNotContain(admin.password());

        // filters: by actor and action, paging with before
        JsonNode mine = fx.json(fx.send("GET", "/api/admin/audit?actor=" + user.name() + "&action=token.create", admin.basic(), null));
        assertThat(mine).hasSize(1);
        JsonNode page = fx.json(fx.send("GET", "/api/admin/audit?limit=2", admin.basic(), null));
        assertThat(page).hasSize(2);
        JsonNode older = fx.json(fx.send("GET", "/api/admin/audit?limit=2&before=" + page.get(1).path("id").asLong(), admin.basic(), null));
        assertThat(older.get(0).path("id").asLong()).isLessThan(page.get(1).path("id").asLong());
        assertThat(fx.send("GET", "/api/admin/audit?since=yesterday", admin.basic(), null).statusCode()).isEqualTo(400);

        // nobody else learns the log exists
        assertThat(fx.send("GET", "/api/admin/audit", user.basic(), null).statusCode()).isEqualTo(404);
        assertThat(fx.send("GET", "/api/admin/audit", null, null).statusCode()).as("the admin API asks for credentials").isEqualTo(401);
        assertThat(web.get("/admin/audit").statusCode()).isEqualTo(404);

        // the page, for the site admin, with the same filter
        Web rootWeb = new Web(fx);
        assertThat(rootWeb.post("/signin", "csrf", rootWeb.csrf("/signin"), "username", admin.name(), "password", admin.password())
                .statusCode()).isEqualTo(302);
        HttpResponse<String> pageHtml = rootWeb.get("/admin/audit?action=repository.delete");
        assertThat(pageHtml.statusCode()).isEqualTo(200);
        assertThat(pageHtml.body()).contains("repository.delete").contains(repo).doesNotContain("token.create").doesNotContain("<script>").doesNotContain(" style=");
    }

    private static void assertEvent(List<JsonNode> events, String action, String actor, String target, String outcome) {
        assertThat(events).as("%s by %s on %s (%s) in %s", action, actor, target, outcome, events).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo(action);
            assertThat(e.path("actor").isNull() ? null : e.path("actor").asText()).isEqualTo(actor);
            assertThat(e.path("target").asText()).isEqualTo(target);
            assertThat(e.path("outcome").asText()).isEqualTo(outcome);
            assertThat(e.path("address").asText()).isEqualTo("127.0.0.1");
            assertThat(e.path("time").asText()).isNotEmpty();
        });
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A browser-like client: its own cookie jar, no redirects followed. */
    private static final class Web {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final ServerFixture fx;

        Web(ServerFixture fx) {
            this.fx = fx;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String page) throws Exception {
            Matcher m = CSRF.matcher(get(page).body());
            assertThat(m.find()).as("a csrf field on %s", page).isTrue();
            return m.group(1);
        }

        HttpResponse<String> post(String path, String... keysAndValues) throws Exception {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                if (body.length() > 0) body.append('&');
                body.append(URLEncoder.encode(keysAndValues[i], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
            }
            return client.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + path)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
