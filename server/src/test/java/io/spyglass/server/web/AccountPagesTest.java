package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.AccessTokens;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

class AccountPagesTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    Path data;

    @Test
    void signUpSignOutAndSignInAgain() throws Exception {
        try (WebServer server = WebServer.start(data)) {
            Browser browser = browsers.start().open(server.base() + "/signup", "signup");
            browser.fill("username", "Bad Name!").fill("password", "long-enough-pw")
                    .submit(By.cssSelector("main button[type=submit]"), "signup-refused");
            assertThat(browser.find(By.cssSelector(".alert.error")).getText()).contains("invalid name 'Bad Name!'");
            assertThat(browser.find(By.id("username")).getAttribute("value")).isEqualTo("Bad Name!");

            browser.fill("username", "alice").fill("password", "long-enough-pw")
                    .submit(By.cssSelector("main button[type=submit]"), "signed-up");
            assertThat(browser.find(By.cssSelector(".menu summary")).getText()).isEqualTo("alice");
            assertThat(server.hub().users().authenticate("alice", "long-enough-pw")).isPresent();

            browser.find(By.cssSelector(".menu summary")).click();
            browser.submit(By.cssSelector("form[action='/signout'] button"), "signed-out");
            assertThat(browser.findAll(By.cssSelector(".menu"))).isEmpty();
            assertThat(browser.find(By.cssSelector("a[href='/signin']")).isDisplayed()).isTrue();

            browser.open(server.base() + "/signin", "signin");
            browser.fill("username", "alice").fill("password", "wrong-password")
                    .submit(By.cssSelector("main button[type=submit]"), "signin-wrong");
            assertThat(browser.find(By.cssSelector(".alert.error")).getText()).isEqualTo("Wrong username or password.");

            browser.signIn(server.base(), "alice", "long-enough-pw");
            assertThat(browser.find(By.cssSelector(".menu summary")).getText()).isEqualTo("alice");
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndLax() throws Exception {
        try (WebServer server = WebServer.start(data)) {
            HttpResponse<String> form = server.get(WebServer.client(), "/signin");
            String cookie = form.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith(Sessions.COOKIE + "=").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax").contains("Path=/");
        }
    }

    @Test
    void postsWithoutTheSessionsCsrfTokenAreRefused() throws Exception {
        try (WebServer server = WebServer.start(data)) {
            server.user("alice");
            HttpClient client = WebServer.client();
            String token = csrf(server.get(client, "/signin").body());

            HttpResponse<String> missing = server.postForm(client, "/signin",
                    List.of("username", "alice", "password", WebServer.PASSWORD));
            assertThat(missing.statusCode()).isEqualTo(403);
            assertThat(missing.body()).contains("This form has expired");

            HttpResponse<String> forged = server.postForm(client, "/signin",
                    List.of("csrf", token + "x", "username", "alice", "password", WebServer.PASSWORD));
            assertThat(forged.statusCode()).isEqualTo(403);

            HttpResponse<String> otherSession = server.postForm(WebServer.client(), "/signin",
                    List.of("csrf", token, "username", "alice", "password", WebServer.PASSWORD));
            assertThat(otherSession.statusCode()).as("a token only works with its own session").isEqualTo(403);

            HttpResponse<String> good = server.postForm(client, "/signin",
                    List.of("csrf", token, "username", "alice", "password", WebServer.PASSWORD));
            assertThat(good.statusCode()).isEqualTo(302);
            assertThat(good.headers().firstValue("Location")).hasValue("/");

            // signed in now: the session (and its token) was replaced, the old token no longer works
            HttpResponse<String> stale = server.postForm(client, "/settings/tokens",
                    List.of("csrf", token, "label", "ci", "scope", "read"));
            assertThat(stale.statusCode()).isEqualTo(403);
            assertThat(server.hub().tokens().list(server.hub().users().require("alice"))).isEmpty();
        }
    }

    @Test
    void accessTokensAreShownOnceListedAndRevoked() throws Exception {
        try (WebServer server = WebServer.start(data)) {
            server.user("alice");
            Browser browser = browsers.start().signIn(server.base(), "alice", WebServer.PASSWORD);
            browser.open(server.base() + "/settings", "settings");
            browser.fill("label", "laptop");
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("scope"))).selectByValue("read");
            browser.submit(By.cssSelector("form[action='/settings/tokens'] button"), "token-created");

            String secret = browser.find(By.id("new-token-secret")).getText();
            assertThat(secret).startsWith(AccessTokens.PREFIX);
            assertThat(server.hub().tokens().authenticate("alice", secret)).isPresent();

            browser.open(server.base() + "/settings", "token-listed");
            assertThat(browser.source()).doesNotContain(secret);
            String row = browser.find(By.cssSelector("tr[data-token='laptop']")).getText();
            assertThat(row).as("used once above").contains("laptop", "read", "Active", "just now").doesNotContain("Never");

            browser.submit(By.cssSelector("tr[data-token='laptop'] button.danger"), "token-revoked");
            assertThat(browser.find(By.cssSelector("tr[data-token='laptop']")).getText()).contains("Revoked");
            assertThat(server.hub().tokens().authenticate("alice", secret)).isEmpty();
        }
    }

    @Test
    void signUpCanBeTurnedOff() throws Exception {
        try (WebServer server = WebServer.start(data, false)) {
            HttpClient client = WebServer.client();
            assertThat(server.get(client, "/signup").statusCode()).isEqualTo(404);
            assertThat(server.get(client, "/signin").body()).doesNotContain("href=\"/signup\"");
            String token = csrf(server.get(client, "/signin").body());
            assertThat(server.postForm(client, "/signup", List.of("csrf", token, "username", "mallory",
                    "password", "long-enough-pw")).statusCode()).isEqualTo(404);
            assertThat(server.hub().users().find("mallory")).isEmpty();
        }
    }

    @Test
    void settingsNeedSigningIn() throws Exception {
        try (WebServer server = WebServer.start(data)) {
            HttpResponse<String> response = server.get(WebServer.client(), "/settings");
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValue("/signin?next=/settings");
        }
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a csrf field in the form").isTrue();
        return m.group(1);
    }
}
