package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.testing.SharedData;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Bad input on a real server: unknown tags, repositories, tabs, platforms and vulnerability ids get
 * the 404 page in the layout; bad form and query values get the form back with the error; no
 * answer shows a stack trace or echoes markup unescaped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputPagesTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    WebServer server;
    HttpClient olivia;

    @BeforeAll
    void start() throws Exception {
        server = WebServer.start(data);
        Organization acme = server.org("acme", Plan.TEAM, server.user("olivia"));
        server.hub().repositories().create(acme.name(), "web", false);
        olivia = WebServer.client();
        String token = AccountPagesTest.csrf(server.get(olivia, "/signin").body());
        server.postForm(olivia, "/signin", List.of("csrf", token, "username", "olivia", "password", WebServer.PASSWORD));
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void unknownThingsGetTheNotFoundPage() throws Exception {
        for (String path : List.of("/r/acme/nothing", "/r/nobody/web", "/r/acme/web/-/tags/nope", "/r/acme/web/-/tags/nope/packages",
                "/r/acme/web/-/nonsense", "/r/acme/web/-/tags/a/b/c", "/vulnerabilities/CVE-1999-0000",
                "/vulnerabilities/" + "A".repeat(3000), "/orgs/nothing", "/u/nobody", "/no/such/page")) {
            for (HttpClient client : List.of(WebServer.client(), olivia)) {
                HttpResponse<String> r = server.get(client, path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
                assertThat(r.body()).as(path).contains("Page not found", "<footer");
                noStackTrace(path, r.body());
            }
        }
        Browser browser = browsers.start().open(server.base() + "/vulnerabilities/CVE-1999-0000", "unknown-vulnerability");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(browser.find(By.tagName("main")).getText()).contains("No vulnerability with the id CVE-1999-0000");
        assertThat(browser.find(By.id("q")).isDisplayed()).as("the search box is there to try again").isTrue();
    }

    @Test
    void markupInIdsAndQueriesIsShownAsText() throws Exception {
        String script = "<script>alert(1)</script>";
        HttpResponse<String> vuln = server.get(olivia, "/vulnerabilities/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertThat(vuln.statusCode()).isEqualTo(404);
        assertThat(vuln.body()).doesNotContain(script).contains("&lt;script&gt;");
        HttpResponse<String> search = server.get(olivia, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).doesNotContain(script).contains("&lt;script&gt;");
    }

    @Test
    void badQueryAndFormValuesGiveTheFormBackWithTheError() throws Exception {
        HttpResponse<String> longQuery = server.get(olivia, "/search?q=" + "x".repeat(300));
        assertThat(longQuery.statusCode()).isEqualTo(400);
        assertThat(longQuery.body()).contains("The search text is 300 characters long; at most 200 are searched.",
                "name=\"q\"", "aria-invalid=\"true\"");

        for (String query : List.of("page=abc", "page=-4", "page=99999", "sort=bogus", "sort=name&page=2")) {
            HttpResponse<String> tags = server.get(olivia, "/r/acme/web/-/tags?" + query);
            assertThat(tags.statusCode()).as(query).isEqualTo(200);
            assertThat(tags.body()).as(query).contains("acme", "web");
        }

        String session = AccountPagesTest.csrf(server.get(olivia, "/settings").body());
        HttpResponse<String> token = server.postForm(olivia, "/settings/tokens", List.of("csrf", session, "label", "ci", "scope", "root"));
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.body()).contains("Choose the token's access permissions", "value=\"ci\"");
        HttpResponse<String> member = server.postForm(olivia, "/orgs/acme/members",
                List.of("csrf", session, "username", "ghost", "role", "member"));
        assertThat(member.statusCode()).isEqualTo(400);
        assertThat(member.body()).contains("There is no user named 'ghost'.", "Add a member");
        server.user("mia");
        HttpResponse<String> role = server.postForm(olivia, "/orgs/acme/members",
                List.of("csrf", session, "username", "mia", "role", "emperor"));
        assertThat(role.statusCode()).isEqualTo(400);
        assertThat(role.body()).contains("Choose a role: owner, admin or member.");
        for (HttpResponse<String> r : List.of(longQuery, token, member, role)) noStackTrace(r.uri().toString(), r.body());
    }

    @Test
    void unknownTabsAndPlatformsOfARealTagGetTheNotFoundPage() throws Exception {
        Path alpine = SharedData.requireCorpus("alpine/oci");
        server.push(alpine, "3.20.3", "acme/web:edge", "olivia");
        assertThat(server.get(olivia, "/r/acme/web/-/tags/edge").statusCode()).isEqualTo(200);
        for (String path : List.of("/r/acme/web/-/tags/edge/nonsense", "/r/acme/web/-/tags/edge?platform=plan9/mips",
                "/r/acme/web/-/tags/edge/vulnerabilities?platform=%3Cb%3E", "/r/acme/web/-/tags/edge/packages/extra")) {
            HttpResponse<String> r = server.get(olivia, path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("Page not found").doesNotContain("<b>");
            noStackTrace(path, r.body());
        }
    }

    private static void noStackTrace(String what, String body) {
        assertThat(body).as(what).doesNotContain("Exception", "\tat ", "java.lang", "io.spyglass.");
    }
}
