package io.spyglass.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.hub.TokenScope;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What an owner sees when a settings request is wrong: the field or the token named, nothing changed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositorySettingsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    ServerFixture fx;
    Account owner;
    String org;

    @BeforeAll
    void start() throws Exception {
        fx = ServerFixture.sqliteAndFolder(dir.resolve("data"));
        owner = fx.newUser("owner");
        org = fx.newOrg("team", owner);
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void aWronglyTypedOrUnknownFieldIsRefusedAndChangesNothing() throws Exception {
        fx.hub().repositories().create(org, "typed", false);
        HttpResponse<byte[]> r = patch("typed", owner.basic(), "{\"private\":\"yes\",\"description\":\"new\"}");
        assertThat(r.statusCode()).as(body(r)).isEqualTo(400);
        assertThat(body(r)).contains("'private' must be true or false");
        assertThat(repo("typed").isPrivate()).isFalse();
        assertThat(repo("typed").description()).isEmpty();

        r = patch("typed", owner.basic(), "{\"visibility\":\"private\"}");
        assertThat(r.statusCode()).as(body(r)).isEqualTo(400);
        assertThat(body(r)).contains("unknown field 'visibility'");

        r = patch("typed", owner.basic(), "{\"description\":{\"text\":\"x\"}}");
        assertThat(r.statusCode()).as(body(r)).isEqualTo(400);
        assertThat(body(r)).contains("'description' must be a string");

        r = patch("typed", owner.basic(), "{\"private\":true,\"description\":\"ours\"}");
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        assertThat(repo("typed").isPrivate()).isTrue();
        assertThat(repo("typed").description()).isEqualTo("ours");
    }

    @Test
    void aBodyThatIsNotJsonIsNamedWithoutParserNoise() {
        fx.hub().repositories().create(org, "notjson", false);
        HttpResponse<byte[]> r = patch("notjson", owner.basic(), "private=true");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r)).contains("the body is not JSON").doesNotContain("REDACTED", "StreamReadFeature");
    }

    @Test
    void anOwnerWithANarrowTokenIsToldAboutTheTokenNotTheirRole() {
        fx.hub().repositories().create(org, "scoped", false);
        String readWrite = token(TokenScope.READ_WRITE);
        HttpResponse<byte[]> r = fx.send("PUT", "/api/repositories/" + org + "/scoped/settings", readWrite,
                "{\"imageInsight\":\"basic\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r)).contains("scope is read-write", "scope admin").doesNotContain("only owners");
        r = patch("scoped", readWrite, "{\"description\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r)).contains("scope is read-write");

        r = fx.send("PUT", "/api/repositories/" + org + "/scoped/settings", token(TokenScope.ADMIN),
                "{\"imageInsight\":\"basic\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
    }

    @Test
    void anUnknownApiPathAnswersJson() throws Exception {
        for (String path : new String[] {"/api/nothing", "/api/repositories", "/api/repositories/" + org}) {
            HttpResponse<byte[]> r = fx.send("GET", path, owner.basic(), null);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("no API route GET " + path);
        }
        // a handler's own 404 keeps its message
        HttpResponse<byte[]> missing = fx.send("GET", "/api/repositories/" + org + "/nothing/tags", owner.basic(), null);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("no repository " + org + "/nothing");
    }

    String token(TokenScope scope) {
        String secret = fx.hub().tokens().create(fx.hub().users().require(owner.name()), "audit", scope).secret();
        return "Basic " + Base64.getEncoder().encodeToString((owner.name() + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    Repository repo(String name) {
        return fx.hub().repositories().find(org, name).orElseThrow();
    }

    HttpResponse<byte[]> patch(String name, String auth, String body) {
        return fx.send("PATCH", "/api/repositories/" + org + "/" + name, auth, body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
