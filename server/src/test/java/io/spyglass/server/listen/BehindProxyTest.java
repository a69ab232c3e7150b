package io.spyglass.server.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.registry.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain HTTP behind a TLS-terminating proxy: what the proxy's headers and --base-url change. */
class BehindProxyTest {
    @TempDir
    Path dir;

    @Test
    void anHttpsBaseUrlMakesTheSessionCookieSecure() throws Exception {
        try (ServerFixture server = ServerFixture.start(new ServerConfig(0, dir, null, null, "https://registry.example.com",
                false, true))) {
            HttpResponse<byte[]> signin = server.send("GET", "/signin", null, null);
            assertThat(signin.statusCode()).isEqualTo(200);
            assertThat(signin.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
            assertThat(server.send("GET", "/v2/", null, null).headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).contains("realm=\"https://registry.example.com/token\""));
        }
    }

    @Test
    void withoutABaseUrlTheForwardedHeadersGiveTheRealmAndTheSecureCookie() throws Exception {
        try (ServerFixture server = ServerFixture.sqliteAndFolder(dir)) {
            assertThat(server.send("GET", "/signin", null, null).headers().allValues("Set-Cookie"))
                    .allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("secure"));
            String[] forwarded = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "hub.example.org"};
            assertThat(server.send("GET", "/v2/", null, null, forwarded).headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).contains("realm=\"https://hub.example.org/token\""));
            assertThat(server.send("GET", "/signin", null, null, forwarded).headers().allValues("Set-Cookie"))
                    .anySatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
        }
    }
}
