package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static io.spyglass.server.registry.Contract.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.AccessTokens;
import io.spyglass.server.hub.Role;
import io.spyglass.server.testing.WithoutRequestId;
import io.spyglass.server.hub.TokenScope;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The rights table: pull = public or member, push = member, settings = owner or admin; private stays private. */
public interface RightsContract extends Contract {

    private String bearer(String auth, String scope) {
        String q = "/token?service=" + fixture().host() + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = fixture().send("GET", q, auth, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return "Bearer " + json(r).path("token").asText();
    }

    @Test
    default void anonymousPullsPublicButNeverPushes() {
        ServerFixture.Account alice = fixture().newUser("anon");
        String repo = alice.name() + "/public";
        pushImage(repo, alice.basic(), "v1");

        HttpResponse<byte[]> challenge = fixture().send("GET", "/v2/" + repo + "/manifests/v1", null, null);
        assertError(challenge, 401, "UNAUTHORIZED");
        assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("realm=\"" + fixture().baseUrl() + "/token\"").contains("scope=\"repository:" + repo + ":pull\"");
        String anon = bearer(null, "repository:" + repo + ":pull,push");
        assertThat(ApiContract.accessClaim(anon.substring(7))).contains("\"actions\":[\"pull\"]");
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/v1", anon, null).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> push = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", anon, null);
        assertError(push, 401, "UNAUTHORIZED"); // signing in might help, so a challenge (TokenScopeContract)
        HttpResponse<byte[]> newRepo = fixture().send("POST", "/v2/" + alice.name() + "/fresh/blobs/uploads/", null, null);
        assertError(newRepo, 401, "UNAUTHORIZED");
        assertThat(newRepo.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"repository:" + alice.name() + "/fresh:pull,push\"");
        assertThat(fixture().hub().repositories().find(alice.name(), "fresh")).isEmpty();
    }

    @Test
    default void nonMemberGetsTheSameAnswerForPrivateAndMissing() {
        ServerFixture.Account alice = fixture().newUser("priv");
        ServerFixture.Account mallory = fixture().newUser("mal");
        String priv = alice.name() + "/secret";
        String missing = alice.name() + "/nothere";
        String digest = pushImage(priv, alice.basic(), "v1");
        fixture().hub().repositories().update(fixture().hub().repositories().find(alice.name(), "secret").orElseThrow(), true, null, null);
        assertThat(fixture().send("GET", "/v2/" + priv + "/manifests/v1", alice.basic(), null).statusCode()).isEqualTo(200);

        for (String auth : new String[] {null, mallory.basic(), bearer(mallory.basic(), "repository:" + priv + ":pull"), bearer(null, "repository:" + priv + ":pull")}) {
            for (String path : new String[] {"/manifests/v1", "/manifests/" + digest, "/tags/list", "/blobs/" + digest, "/referrers/" + digest}) {
                HttpResponse<byte[]> a = fixture().send("GET", "/v2/" + priv + path, auth, null);
                HttpResponse<byte[]> b = fixture().send("GET", "/v2/" + missing + path, auth, null);
                assertThat(a.statusCode()).as(path).isEqualTo(401).isEqualTo(b.statusCode());
                assertThat(WithoutRequestId.of(a.body()).replace(priv, "X"))
                        .isEqualTo(WithoutRequestId.of(b.body()).replace(missing, "X"));
                assertThat(a.headers().firstValue("WWW-Authenticate").orElse("").replace(priv, "X"))
                        .isEqualTo(b.headers().firstValue("WWW-Authenticate").orElse("").replace(missing, "X"));
            }
        }
        // the settings API too: 404 for both
        assertThat(fixture().send("GET", "/api/repositories/" + priv, mallory.basic(), null).statusCode()).isEqualTo(404);
        assertThat(fixture().send("GET", "/api/repositories/" + missing, mallory.basic(), null).statusCode()).isEqualTo(404);
        // and the token simply lacks the action
        assertThat(ApiContract.accessClaim(bearer(mallory.basic(), "repository:" + priv + ":pull").substring(7))).isEqualTo("[]");
    }

    @Test
    default void organisationMembersPushOnlyOwnersAndAdminsChangeSettings() {
        ServerFixture.Account owner = fixture().newUser("own");
        ServerFixture.Account admin = fixture().newUser("adm");
        ServerFixture.Account member = fixture().newUser("mem");
        ServerFixture.Account outsider = fixture().newUser("out");
        String org = fixture().newOrg("team", owner);
        fixture().addMember(org, admin, Role.ADMIN);
        fixture().addMember(org, member, Role.MEMBER);
        String repo = org + "/service";

        pushImage(repo, member.basic(), "v1");
        assertThat(fixture().hub().repositories().find(org, "service").orElseThrow().isPrivate()).as("public by default").isFalse();
        assertError(fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", outsider.basic(), null), 403, "DENIED");
        assertError(fixture().send("POST", "/v2/" + org + "/other/blobs/uploads/", outsider.basic(), null), 401, "UNAUTHORIZED");

        byte[] makePrivate = "{\"private\":true,\"description\":\"internal\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(fixture().send("PATCH", "/api/repositories/" + repo, member.basic(), makePrivate).statusCode()).isEqualTo(403);
        assertThat(fixture().send("PATCH", "/api/repositories/" + repo, outsider.basic(), makePrivate).statusCode()).isEqualTo(403);
        assertThat(fixture().send("PATCH", "/api/repositories/" + repo, null, makePrivate).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> ok = fixture().send("PATCH", "/api/repositories/" + repo, admin.basic(), makePrivate);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).path("private").asBoolean()).isTrue();
        assertThat(fixture().send("PATCH", "/api/repositories/" + repo, owner.basic(),
                "{\"imageInsight\":\"advanced\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(fixture().send("PATCH", "/api/repositories/" + repo, owner.basic(),
                "{\"imageInsight\":\"maximum\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(fixture().hub().repositories().find(org, "service").orElseThrow().imageInsight()).isEqualTo("advanced");

        // now private: the outsider loses pull, the member keeps it
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/v1", outsider.basic(), null), 401, "UNAUTHORIZED");
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/v1", member.basic(), null).statusCode()).isEqualTo(200);
        assertThat(fixture().send("PATCH", "/api/repositories/" + repo, outsider.basic(), makePrivate).statusCode()).isEqualTo(404);
    }

    @Test
    default void personalAccessTokensAreScopedAndRevocable() {
        ServerFixture.Account alice = fixture().newUser("pat");
        String repo = alice.name() + "/pat";
        pushImage(repo, alice.basic(), "v1");
        var user = fixture().hub().users().require(alice.name());
        AccessTokens.NewToken read = fixture().hub().tokens().create(user, "ci", TokenScope.READ);
        AccessTokens.NewToken write = fixture().hub().tokens().create(user, "ci", TokenScope.READ_WRITE);
        String readAuth = basic(alice.name(), read.secret());
        String writeAuth = basic(alice.name(), write.secret());

        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/v1", readAuth, null).statusCode()).isEqualTo(200);
        assertError(fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", readAuth, null), 403, "DENIED");
        assertThat(ApiContract.accessClaim(bearer(readAuth, "repository:" + repo + ":pull,push").substring(7))).contains("[\"pull\"]");
        pushImage(repo, writeAuth, "v2");
        assertThat(fixture().send("PATCH", "/api/repositories/" + repo, writeAuth, "{\"description\":\"x\"}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .as("settings need an admin-scoped token").isEqualTo(403);
        assertThat(fixture().hub().tokens().list(user)).anySatisfy(t -> assertThat(t.lastUsedAt()).isNotNull());

        fixture().hub().tokens().revoke(user, write.id());
        assertError(fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", writeAuth, null), 401, "UNAUTHORIZED");
        assertThat(fixture().send("GET", "/token?service=x", writeAuth, null).statusCode()).isEqualTo(401);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
