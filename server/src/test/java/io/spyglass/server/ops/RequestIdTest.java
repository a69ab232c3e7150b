package io.spyglass.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.registry.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every answer carries X-Request-Id, and every error body or page quotes it. */
class RequestIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void errorBodiesAndPagesQuoteTheRequestId() throws Exception {
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            ServerFixture.Account owner = fx.newUser("owner");
            // a well-formed id from the caller is kept
            HttpResponse<byte[]> oci = fx.send("GET", "/v2/" + owner.name() + "/nothing/manifests/latest", owner.basic(), null,
                    "X-Request-Id", "lb-7f3a.42");
            assertThat(oci.statusCode()).isEqualTo(404);
            assertThat(oci.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.42");
            JsonNode body = JSON.readTree(oci.body());
            assertThat(body.path("requestId").asText()).isEqualTo("lb-7f3a.42");
            // the OCI error schema holds: errors[] with code, message, detail
            assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo("NAME_UNKNOWN");
            assertThat(body.path("errors").get(0).has("message")).isTrue();

            // a malformed one (too long, odd characters) is replaced by a new id
            HttpResponse<byte[]> odd = fx.send("GET", "/v2/_catalog?n=x", null, null, "X-Request-Id", "<script>" + "a".repeat(80));
            String replaced = odd.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(replaced).matches("[0-9a-f-]{36}");

            HttpResponse<byte[]> page = fx.send("GET", "/r/" + owner.name() + "/missing", null, null, "Accept", "text/html");
            assertThat(page.statusCode()).isEqualTo(404);
            String id = page.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<code class=\"request-id\">" + id + "</code>");

            HttpResponse<byte[]> api = fx.send("GET", "/api/repositories/" + owner.name() + "/missing/tags/x", owner.basic(), null);
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(api.body()).path("requestId").asText()).isEqualTo(api.headers().firstValue("X-Request-Id").orElseThrow());
        }
    }
}
