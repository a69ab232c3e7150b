package io.spyglass.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Self-service refusals over HTTP, on the pages (session + CSRF token) and on the JSON API (Basic):
 * a member who is not an owner cannot invite or remove, a POST without the CSRF token changes
 * nothing, the last owner stays, plans and site admins are for site admins only, names and plan
 * limits are the hub's. Runs on SQLite + folder and on PostgreSQL + S3 (the subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SelfServiceSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private ServerFixture fixture;
    private Path dir;

    protected abstract ServerFixture startFixture(Path dir) throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        dir = Files.createTempDirectory("spyglass-self-service");
        fixture = startFixture(dir);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (fixture != null) fixture.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aMemberWhoIsNotOwnerCanNeitherInviteNorRemove() throws Exception {
        Account owner = fixture.newUser("own");
        Account admin = fixture.newUser("adm");
        Account member = fixture.newUser("mem");
        Account outsider = fixture.newUser("out");
        String org = fixture.newOrg("org", owner);
        fixture.addMember(org, admin, Role.ADMIN);
        fixture.addMember(org, member, Role.MEMBER);

        for (Account notOwner : List.of(admin, member)) {
            Web web = signIn(notOwner);
            String csrf = web.csrf("/orgs/" + org);
            assertThat(web.post("/orgs/" + org + "/members", "csrf", csrf, "username", outsider.name(), "role", "member").statusCode())
                    .as("web invite by %s", notOwner.name()).isEqualTo(403);
            assertThat(web.post("/orgs/" + org + "/members/" + owner.name(), "csrf", csrf, "action", "remove").statusCode()).isEqualTo(403);
            assertThat(api("POST", "/api/orgs/" + org + "/members", notOwner, "{\"username\":\"" + outsider.name() + "\"}").statusCode())
                    .as("API invite by %s", notOwner.name()).isEqualTo(403);
            HttpResponse<String> remove = api("DELETE", "/api/orgs/" + org + "/members/" + member.name(), notOwner, null);
            assertThat(remove.statusCode()).isEqualTo(403);
            assertThat(error(remove)).contains("only owners of '" + org + "'");
        }
        assertThat(memberNames(org)).containsExactlyInAnyOrder(owner.name(), admin.name(), member.name());

        // the owner may, through the API too; the last owner stays
        assertThat(api("POST", "/api/orgs/" + org + "/members", owner, "{\"username\":\"" + outsider.name() + "\",\"role\":\"member\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api("POST", "/api/orgs/" + org + "/members", owner, "{\"username\":\"" + outsider.name() + "\"}").statusCode())
                .as("already a member").isEqualTo(409);
        assertThat(api("POST", "/api/orgs/" + org + "/members", owner, "{\"username\":\"nobody-here\"}").statusCode()).isEqualTo(404);
        assertThat(api("DELETE", "/api/orgs/" + org + "/members/" + outsider.name(), owner, null).statusCode()).isEqualTo(200);
        HttpResponse<String> last = api("DELETE", "/api/orgs/" + org + "/members/" + owner.name(), owner, null);
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(error(last)).contains("without an owner");
        HttpResponse<String> demote = api("PUT", "/api/orgs/" + org + "/members/" + owner.name(), owner, "{\"role\":\"member\"}");
        assertThat(demote.statusCode()).isEqualTo(400);
        assertThat(fixture.hub().permissions().role(io.spyglass.server.hub.Caller.password(
                fixture.hub().users().require(owner.name())), org)).contains(Role.OWNER);
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
        Account owner = fixture.newUser("csrf");
        Account other = fixture.newUser("csrf");
        String org = fixture.newOrg("corg", owner);
        Web web = signIn(owner);
        web.csrf("/organizations/new"); // a session with a token exists; the posts just don't carry it

        String newOrg = org + "x";
        assertThat(web.post("/organizations/new", "name", newOrg).statusCode()).isEqualTo(403);
        assertThat(web.post("/organizations/new", "csrf", "forged", "name", newOrg).statusCode()).isEqualTo(403);
        assertThat(fixture.hub().organizations().find(newOrg)).isEmpty();
        assertThat(web.post("/repositories/new", "namespace", org, "name", "app", "visibility", "private", "image_insight", "none")
                .statusCode()).isEqualTo(403);
        assertThat(fixture.hub().repositories().find(org, "app")).isEmpty();
        assertThat(web.post("/orgs/" + org + "/members", "username", other.name(), "role", "member").statusCode()).isEqualTo(403);
        assertThat(memberNames(org)).containsExactly(owner.name());

        // with the token, the same posts work
        String csrf = web.csrf("/organizations/new");
        HttpResponse<String> created = web.post("/organizations/new", "csrf", csrf, "name", newOrg);
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).contains("/orgs/" + newOrg + "?done=Created+" + newOrg);
        assertThat(fixture.hub().organizations().require(newOrg).plan()).isEqualTo(Plan.FREE);
    }

    @Test
    void organisationAndRepositoryCreationFollowTheHubsRules() throws Exception {
        Account owner = fixture.newUser("crt");
        Account member = fixture.newUser("crt");
        Account outsider = fixture.newUser("crt");
        String org = owner.name() + "-co";
        HttpResponse<String> created = api("POST", "/api/orgs", owner, "{\"name\":\"" + org + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("plan").asText()).isEqualTo("free");
        assertThat(api("POST", "/api/orgs", member, "{\"name\":\"" + org + "\"}").statusCode()).as("taken").isEqualTo(409);
        assertThat(api("POST", "/api/orgs", member, "{\"name\":\"" + owner.name() + "\"}").statusCode()).as("a user's name").isEqualTo(409);
        assertThat(error(api("POST", "/api/orgs", member, "{\"name\":\"Bad Name\"}"))).contains("invalid name 'Bad Name'");
        assertThat(api("POST", "/api/orgs", null, "{\"name\":\"anon-org\"}").statusCode()).isEqualTo(401);
        assertThat(api("POST", "/api/orgs", owner, "{\"name\":\"x1\",\"plan\":\"business\"}").statusCode())
                .as("nobody chooses their own plan").isEqualTo(400);
        fixture.addMember(org, member, Role.MEMBER);

        String repo = "{\"namespace\":\"" + org + "\",\"name\":\"app\",\"private\":true,\"description\":\"The app\"";
        assertThat(api("POST", "/api/repositories", member, repo + "}").statusCode()).as("a plain member").isEqualTo(403);
        assertThat(api("POST", "/api/repositories", outsider, repo + "}").statusCode()).isEqualTo(403);
        HttpResponse<String> advanced = api("POST", "/api/repositories", owner, repo + ",\"imageInsight\":\"advanced\"}");
        assertThat(advanced.statusCode()).as("advanced on the free plan").isEqualTo(409);
        assertThat(error(advanced)).contains("on the free plan");
        assertThat(fixture.hub().repositories().find(org, "app")).as("a refused choice creates nothing").isEmpty();
        assertThat(error(api("POST", "/api/repositories", owner, "{\"namespace\":\"" + org + "\",\"name\":\"Bad/Name\"}")))
                .contains("invalid repository name");

        HttpResponse<String> made = api("POST", "/api/repositories", owner, repo + ",\"imageInsight\":\"basic\"}");
        assertThat(made.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(made.body());
        assertThat(body.path("private").asBoolean()).isTrue();
        assertThat(body.path("imageInsight").asText()).isEqualTo("basic");
        assertThat(body.path("description").asText()).isEqualTo("The app");
        assertThat(api("POST", "/api/repositories", owner, repo + "}").statusCode()).as("exists").isEqualTo(409);
        assertThat(api("GET", "/api/repositories/" + org + "/app", member, null).statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/repositories/" + org + "/app", outsider, null).statusCode()).as("private").isEqualTo(404);

        // a read-only token is told about its scope, not that its owner may not
        String readToken = fixture.hub().tokens().create(fixture.hub().users().require(owner.name()), "ci",
                io.spyglass.server.hub.TokenScope.READ).secret();
        HttpResponse<String> narrow = api("POST", "/api/repositories", new Account(owner.name(), readToken),
                "{\"namespace\":\"" + org + "\",\"name\":\"other\"}");
        assertThat(narrow.statusCode()).isEqualTo(403);
        assertThat(error(narrow)).contains("token's scope is read");
    }

    @Test
    void plansAndSiteAdminsAreForSiteAdminsOnly() throws Exception {
        Account root = fixture.newUser("root");
        fixture.hub().siteAdmins().set(root.name(), true);
        Account owner = fixture.newUser("plan");
        String org = fixture.newOrg("porg", owner);
        fixture.hub().organizations().setPlan(fixture.hub().organizations().require(org), Plan.FREE);

        // an organisation's own owner may not change its plan, on the API nor on the page (404: /admin is not there for them)
        assertThat(api("PUT", "/api/admin/orgs/" + org + "/plan", owner, "{\"plan\":\"business\"}").statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/admin/users", owner, null).statusCode()).isEqualTo(403);
        assertThat(api("PUT", "/api/admin/users/" + owner.name() + "/site-admin", owner, "{\"siteAdmin\":true}").statusCode()).isEqualTo(403);
        Web ownerWeb = signIn(owner);
        assertThat(ownerWeb.get("/admin").statusCode()).isEqualTo(404);
        String csrf = ownerWeb.csrf("/orgs/" + org);
        assertThat(ownerWeb.post("/admin/orgs/" + org + "/plan", "csrf", csrf, "plan", "business").statusCode()).isEqualTo(404);
        assertThat(ownerWeb.post("/admin/users/" + owner.name(), "csrf", csrf, "action", "promote").statusCode()).isEqualTo(404);
        assertThat(new Web().get("/admin").statusCode()).as("anonymous").isEqualTo(404);
        assertThat(fixture.hub().organizations().require(org).plan()).isEqualTo(Plan.FREE);
        assertThat(fixture.hub().siteAdmins().is(fixture.hub().users().require(owner.name()))).isFalse();

        // the site admin may, through both; the page's post needs its CSRF token like every other
        Web rootWeb = signIn(root);
        assertThat(rootWeb.post("/admin/orgs/" + org + "/plan", "plan", "team").statusCode()).isEqualTo(403);
        String rootCsrf = rootWeb.csrf("/admin");
        assertThat(rootWeb.post("/admin/orgs/" + org + "/plan", "csrf", rootCsrf, "plan", "team").statusCode()).isEqualTo(302);
        assertThat(fixture.hub().organizations().require(org).plan()).isEqualTo(Plan.TEAM);
        assertThat(rootWeb.post("/admin/orgs/" + org + "/plan", "csrf", rootCsrf, "plan", "gold").statusCode()).isEqualTo(400);
        assertThat(api("PUT", "/api/admin/orgs/" + org + "/plan", root, "{\"plan\":\"pro\"}").statusCode()).isEqualTo(200);
        assertThat(fixture.hub().organizations().require(org).plan()).isEqualTo(Plan.PRO);
        assertThat(api("PUT", "/api/admin/users/" + owner.name() + "/site-admin", root, "{\"siteAdmin\":true}").statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/admin/users", owner, null).statusCode()).isEqualTo(200);
        assertThat(api("PUT", "/api/admin/users/" + owner.name() + "/site-admin", root, "{\"siteAdmin\":false}").statusCode()).isEqualTo(200);
    }

    private List<String> memberNames(String org) {
        return fixture.hub().organizations().members(fixture.hub().organizations().require(org)).stream()
                .map(io.spyglass.server.hub.Organizations.Member::user).toList();
    }

    private HttpResponse<String> api(String method, String path, Account who, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (who != null) b.header("Authorization", who.basic());
        return fixture.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("error").asText();
    }

    private Web signIn(Account who) throws Exception {
        Web web = new Web();
        HttpResponse<String> r = web.post("/signin", "csrf", web.csrf("/signin"), "username", who.name(), "password", who.password());
        assertThat(r.statusCode()).as("signed in as %s", who.name()).isEqualTo(302);
        return web;
    }

    /** A browser-like client: its own cookie jar, no redirects followed. */
    private final class Web {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).header("Accept", "text/html").build(),
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
            return client.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
