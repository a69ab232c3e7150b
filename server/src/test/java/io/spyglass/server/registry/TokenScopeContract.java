package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static io.spyglass.server.registry.Contract.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.AccessTokens;
import io.spyglass.server.hub.TokenScope;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Clients that cache bearer tokens (docker, skopeo, the OCI conformance test) reuse a token until
 * the registry asks for another: a token lacking an action its holder may get is answered 401 with
 * {@code error="insufficient_scope"} and the scope to ask for; 403 only when the holder may never
 * do it.
 */
public interface TokenScopeContract extends Contract {

    private String token(String auth, String scope) {
        String q = "/token?service=" + fixture().host() + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = fixture().send("GET", q, auth, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return "Bearer " + json(r).path("token").asText();
    }

    /** Asserts a 401 whose challenge asks for {@code scope} because the token lacks it; returns that scope. */
    private String assertInsufficientScope(HttpResponse<byte[]> r, String scope) {
        assertError(r, 401, "UNAUTHORIZED");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"" + fixture().baseUrl() + "/token\",service=\"" + fixture().host() + "\"")
                .contains(",scope=\"" + scope + "\"")
                .contains(",error=\"insufficient_scope\"");
        return scope;
    }

    @Test
    default void aTokenWithoutDeleteIsAChallengeAndTheRequestedTokenDeletes() {
        ServerFixture.Account alice = fixture().newUser("scope");
        String repo = alice.name() + "/app";
        String pushToken = token(alice.basic(), "repository:" + repo + ":pull,push");
        String digest = pushImage(repo, pushToken, "v1");
        String layer = pushBlob(repo, pushToken, "a layer to delete".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> manifest = fixture().send("DELETE", "/v2/" + repo + "/manifests/" + digest, pushToken, null);
        String scope = assertInsufficientScope(manifest, "repository:" + repo + ":delete");
        assertInsufficientScope(fixture().send("DELETE", "/v2/" + repo + "/blobs/" + layer, pushToken, null), scope);
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/" + digest, pushToken, null).statusCode()).as("nothing deleted").isEqualTo(200);

        String deleteToken = token(alice.basic(), scope);
        assertThat(fixture().send("DELETE", "/v2/" + repo + "/manifests/" + digest, deleteToken, null).statusCode()).isEqualTo(202);
        assertThat(fixture().send("DELETE", "/v2/" + repo + "/blobs/" + layer, deleteToken, null).statusCode()).isEqualTo(202);
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/" + digest, pushToken, null), 404, "MANIFEST_UNKNOWN");

        // and the other way round: a delete-only token cancelling an upload is asked for pull,push
        HttpResponse<byte[]> started = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", pushToken, null);
        String upload = started.headers().firstValue("Location").orElseThrow();
        assertInsufficientScope(fixture().send("DELETE", upload, deleteToken, null), "repository:" + repo + ":pull,push");
        assertThat(fixture().send("DELETE", upload, pushToken, null).statusCode()).isEqualTo(204);
    }

    @Test
    default void uploadStatusAfterARejectedChunkWithCachedTokens() {
        ServerFixture.Account alice = fixture().newUser("ooo");
        String repo = alice.name() + "/chunks";
        String pullToken = token(alice.basic(), "repository:" + repo + ":pull");
        String pushToken = token(alice.basic(), "repository:" + repo + ":pull,push");
        byte[] a = "first chunk;".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second chunk".getBytes(StandardCharsets.UTF_8);
        String location = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", pushToken, null).headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> first = fixture().send("PATCH", location, pushToken, a, "Content-Range", "0-" + (a.length - 1));
        assertThat(first.statusCode()).isEqualTo(202);
        location = first.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> ahead = fixture().send("PATCH", location, pushToken, b, "Content-Range", (a.length + 3) + "-" + (a.length + 3 + b.length - 1));
        assertThat(ahead.statusCode()).isEqualTo(416);

        // the conformance test's client recovers with a GET, under the token it cached for GETs
        assertInsufficientScope(fixture().send("GET", location, pullToken, null), "repository:" + repo + ":pull,push");
        HttpResponse<byte[]> status = fixture().send("GET", location, pushToken, null);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).contains("0-" + (a.length - 1));
        assertThat(status.headers().firstValue("Location")).contains(location);

        HttpResponse<byte[]> second = fixture().send("PATCH", location, pushToken, b, "Content-Range", a.length + "-" + (a.length + b.length - 1));
        assertThat(second.statusCode()).isEqualTo(202);
        byte[] all = (new String(a, StandardCharsets.UTF_8) + new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String digest = Contract.sha256(all);
        String done = second.headers().firstValue("Location").orElseThrow() + "?digest=" + digest;
        assertThat(fixture().send("PUT", done, pushToken, null).statusCode()).isEqualTo(201);
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, pullToken, null).body()).isEqualTo(all);
    }

    @Test
    default void aHolderWhoMayNeverDoItIsDenied() {
        ServerFixture.Account alice = fixture().newUser("deny");
        ServerFixture.Account bob = fixture().newUser("bob");
        String repo = alice.name() + "/public";
        String digest = pushImage(repo, alice.basic(), "v1");

        // bob may pull the public repository but never push or delete there: asking again would not help
        String bobs = token(bob.basic(), "repository:" + repo + ":pull,push,delete");
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/v1", bobs, null).statusCode()).isEqualTo(200);
        assertError(fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", bobs, null), 403, "DENIED");
        assertError(fixture().send("DELETE", "/v2/" + repo + "/manifests/" + digest, bobs, null), 403, "DENIED");

        // alice's read-only personal access token caps every bearer token minted from it
        AccessTokens.NewToken read = fixture().hub().tokens().create(fixture().hub().users().require(alice.name()), "ci", TokenScope.READ);
        String readBasic = "Basic " + Base64.getEncoder().encodeToString((alice.name() + ":" + read.secret()).getBytes(StandardCharsets.UTF_8));
        String readToken = token(readBasic, "repository:" + repo + ":pull,push,delete");
        assertError(fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", readToken, null), 403, "DENIED");
        assertError(fixture().send("DELETE", "/v2/" + repo + "/manifests/" + digest, readToken, null), 403, "DENIED");

        // an anonymous token may become a signed-in one: a challenge, not a refusal
        String anonymous = token(null, "repository:" + repo + ":pull,push");
        HttpResponse<byte[]> anonPush = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", anonymous, null);
        assertError(anonPush, 401, "UNAUTHORIZED");
        assertThat(anonPush.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"repository:" + repo + ":pull,push\"");
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/v1", alice.basic(), null).statusCode()).as("still there").isEqualTo(200);
    }
}
