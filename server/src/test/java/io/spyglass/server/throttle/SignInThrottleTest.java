package io.spyglass.server.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.SecurityOptions;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing on a real server: /token (Basic GET and OAuth2 POST) and the web sign-in form
 * answer 429 with Retry-After after a few failures; another account and another address are not
 * affected; the right password works again once the wait is over. The server trusts 127.0.0.1 as
 * a proxy, so each test request names its client address in X-Forwarded-For.
 */
class SignInThrottleTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;

    @BeforeAll
    static void shortLocks() {
        System.setProperty("spyglass.throttle.baseMillis", "1500");
    }

    @AfterAll
    static void defaultLocks() {
        System.clearProperty("spyglass.throttle.baseMillis");
    }

    private ServerFixture start() throws Exception {
        return ServerFixture.start(new ServerConfig(0, dir.resolve("data"))
                .withSecurity(new SecurityOptions(false, List.of("127.0.0.1", "::1"))));
    }

    @Test
    void tokenEndpointLocksTheAccountAndTheAddressThenLetsTheRightPasswordIn() throws Exception {
        try (ServerFixture fx = start()) {
            Account alice = fx.newUser("alice");
            Account bob = fx.newUser("bob");
            Account wrong = new Account(alice.name(), "not-the-password");
            for (int i = 0; i < 6; i++) {
                assertThat(token(fx, wrong, "203.0.113.5").statusCode()).as("failure %d", i + 1).isEqualTo(401);
            }
            HttpResponse<byte[]> locked = token(fx, alice, "203.0.113.5");
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
            assertThat(new String(locked.body(), StandardCharsets.UTF_8)).contains("TOOMANYREQUESTS");
            // the account is locked from any address, the OAuth2 form too
            assertThat(oauth(fx, alice, "198.51.100.7").statusCode()).isEqualTo(429);
            // another account from another address is not affected
            assertThat(token(fx, bob, "198.51.100.7").statusCode()).isEqualTo(200);
            // the guessing address is locked for other accounts as well
            assertThat(token(fx, bob, "203.0.113.5").statusCode()).isEqualTo(429);

            Thread.sleep(1000 * Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()) + 200);
            assertThat(oauth(fx, alice, "198.51.100.7").statusCode()).isEqualTo(200);
            // success reset the account: one more failure does not lock it again at once
            assertThat(token(fx, wrong, "198.51.100.8").statusCode()).isEqualTo(401);
            assertThat(token(fx, alice, "198.51.100.8").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void webSignInAnswers429WithRetryAfterAndWorksAfterTheWait() throws Exception {
        try (ServerFixture fx = start()) {
            Account alice = fx.newUser("alice");
            Account bob = fx.newUser("bob");
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            for (int i = 0; i < 6; i++) {
                assertThat(signIn(fx, browser, alice.name(), "wrong", "203.0.113.9").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> locked = signIn(fx, browser, alice.name(), alice.password(), "203.0.113.9");
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After")).isPresent();
            assertThat(locked.body()).contains("Too many failed attempts. Try again in");
            HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertThat(signIn(fx, other, bob.name(), bob.password(), "198.51.100.20").statusCode()).isEqualTo(302);

            Thread.sleep(1000 * Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()) + 200);
            assertThat(signIn(fx, browser, alice.name(), alice.password(), "203.0.113.9").statusCode()).isEqualTo(302);
        }
    }

    private static HttpResponse<byte[]> token(ServerFixture fx, Account who, String client) {
        return fx.send("GET", "/token?service=spyglass&scope=repository:x/y:pull", who.basic(), null, "X-Forwarded-For", client);
    }

    private static HttpResponse<byte[]> oauth(ServerFixture fx, Account who, String client) {
        String form = "grant_type=password&service=spyglass&client_id=test&username=" + enc(who.name()) + "&password=" + enc(who.password());
        return fx.send("POST", "/token", null, form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", client);
    }

    private static HttpResponse<String> signIn(ServerFixture fx, HttpClient browser, String user, String password, String client) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/signin")).header("X-Forwarded-For", client).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a csrf field").isTrue();
        String form = "csrf=" + enc(m.group(1)) + "&username=" + enc(user) + "&password=" + enc(password) + "&next=/";
        return browser.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
