package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static io.spyglass.server.registry.Contract.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Base check, token endpoint, blob reads, tags, and the errors of malformed requests. */
public interface ApiContract extends Contract {

    @Test
    default void baseCheckChallengesAnonymousAndAcceptsTokens() {
        HttpResponse<byte[]> anon = fixture().send("GET", "/v2/", null, null);
        assertError(anon, 401, "UNAUTHORIZED");
        assertThat(anon.headers().firstValue("WWW-Authenticate").orElseThrow())
                .isEqualTo("Bearer realm=\"" + fixture().baseUrl() + "/token\",service=\"" + fixture().host() + "\"");
        assertThat(anon.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");

        ServerFixture.Account alice = fixture().newUser("base");
        assertThat(fixture().send("GET", "/v2/", alice.basic(), null).statusCode()).isEqualTo(200);
        String token = json(fixture().send("GET", "/token?service=" + fixture().host(), alice.basic(), null)).path("token").asText();
        assertThat(fixture().send("GET", "/v2/", "Bearer " + token, null).statusCode()).isEqualTo(200);
        assertError(fixture().send("GET", "/v2/", "Bearer not.a.token", null), 401, "UNAUTHORIZED");
        assertError(fixture().send("GET", "/v2/", new ServerFixture.Account(alice.name(), "wrong-password").basic(), null), 401, "UNAUTHORIZED");
    }

    @Test
    default void tokenEndpointGrantsOnlyWhatTheUserMayDo() {
        ServerFixture.Account alice = fixture().newUser("tok");
        ServerFixture.Account bob = fixture().newUser("tok");
        String scope = "&scope=" + URLEncoder.encode("repository:" + alice.name() + "/app:pull,push", StandardCharsets.UTF_8);
        JsonNode own = json(fixture().send("GET", "/token?service=x" + scope + "&offline_token=true&client_id=test", alice.basic(), null));
        assertThat(own.path("expires_in").asInt()).isPositive();
        assertThat(own.path("issued_at").asText()).isNotBlank();
        assertThat(own.path("access_token").asText()).isEqualTo(own.path("token").asText());
        assertThat(own.path("refresh_token").asText()).isNotBlank();
        assertThat(accessClaim(own.path("token").asText())).contains("\"actions\":[\"pull\",\"push\"]");

        // bob asks for push on alice's namespace: the token is issued but grants nothing there
        JsonNode other = json(fixture().send("GET", "/token?service=x" + scope, bob.basic(), null));
        assertThat(accessClaim(other.path("token").asText())).isEqualTo("[]");

        HttpResponse<byte[]> wrong = fixture().send("GET", "/token?service=x", new ServerFixture.Account(alice.name(), "nope-nope").basic(), null);
        assertError(wrong, 401, "UNAUTHORIZED");

        // OAuth2 form as docker login sends it, then the refresh grant
        String form = "grant_type=password&username=" + alice.name() + "&password=" + alice.password()
                + "&service=x&client_id=docker&access_type=offline&scope=" + URLEncoder.encode("repository:" + alice.name() + "/app:pull", StandardCharsets.UTF_8);
        JsonNode oauth = json(fixture().send("POST", "/token", null, form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded"));
        String refresh = oauth.path("refresh_token").asText();
        assertThat(refresh).isNotBlank();
        String again = "grant_type=refresh_token&refresh_token=" + refresh + "&service=x&client_id=docker&scope="
                + URLEncoder.encode("repository:" + alice.name() + "/app:push", StandardCharsets.UTF_8);
        JsonNode refreshed = json(fixture().send("POST", "/token", null, again.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(accessClaim(refreshed.path("access_token").asText())).contains("\"actions\":[\"push\"]");
        HttpResponse<byte[]> badRefresh = fixture().send("POST", "/token", null,
                "grant_type=refresh_token&refresh_token=garbage".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");
        assertThat(badRefresh.statusCode()).isEqualTo(401);
    }

    /** A password grant asking for a refresh token ({@code docker login}'s form); the answer. */
    private HttpResponse<byte[]> passwordGrant(ServerFixture.Account who) {
        String form = "grant_type=password&username=" + who.name() + "&password=" + who.password()
                + "&service=x&client_id=docker&access_type=offline";
        return fixture().send("POST", "/token", null, form.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");
    }

    private HttpResponse<byte[]> refreshGrant(String refresh) {
        String form = "grant_type=refresh_token&refresh_token=" + refresh + "&service=x&client_id=docker";
        return fixture().send("POST", "/token", null, form.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");
    }

    @Test
    default void aDeletedUsersRefreshTokenDoesNotSignInTheNextUserOfThatName() {
        ServerFixture.Account old = fixture().newUser("reuse");
        String oldRefresh = json(passwordGrant(old)).path("refresh_token").asText();
        assertThat(refreshGrant(oldRefresh).statusCode()).as("the refresh token works while its user exists").isEqualTo(200);

        fixture().hub().users().delete(old.name());
        assertError(refreshGrant(oldRefresh), 401, "UNAUTHORIZED");
        ServerFixture.Account next = new ServerFixture.Account(old.name(), "another-" + old.password());
        fixture().hub().users().create(next.name(), next.password());

        assertError(refreshGrant(oldRefresh), 401, "UNAUTHORIZED");
        assertError(passwordGrant(old), 401, "UNAUTHORIZED");
        String nextRefresh = json(passwordGrant(next)).path("refresh_token").asText();
        HttpResponse<byte[]> refreshed = refreshGrant(nextRefresh);
        assertThat(refreshed.statusCode()).as(new String(refreshed.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(refreshed).path("access_token").asText()).isNotBlank();
    }

    /** The {@code access} claim of a JWT, as JSON text. */
    static String accessClaim(String jwt) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return JSON.readTree(payload).path("access").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    default void blobHeadGetAndRanges() {
        ServerFixture.Account alice = fixture().newUser("blob");
        String repo = alice.name() + "/blobs";
        byte[] content = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
        String digest = pushBlob(repo, alice.basic(), content);

        HttpResponse<byte[]> head = fixture().send("HEAD", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("20");
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);
        assertThat(head.body()).isEmpty();

        HttpResponse<byte[]> get = fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null);
        assertThat(get.body()).isEqualTo(content);

        HttpResponse<byte[]> range = fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null, "Range", "bytes=5-9");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 5-9/20");
        assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("56789");
        HttpResponse<byte[]> suffix = fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null, "Range", "bytes=-3");
        assertThat(new String(suffix.body(), StandardCharsets.UTF_8)).isEqualTo("hij");
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null, "Range", "bytes=30-40").statusCode()).isEqualTo(416);
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null, "Range", "pages=1-2").statusCode()).isEqualTo(416);

        String unknown = Contract.sha256("never pushed".getBytes(StandardCharsets.UTF_8));
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/" + unknown, alice.basic(), null), 404, "BLOB_UNKNOWN");
        assertThat(fixture().send("HEAD", "/v2/" + repo + "/blobs/" + unknown, alice.basic(), null).statusCode()).isEqualTo(404);
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/sha256:xyz", alice.basic(), null), 400, "DIGEST_INVALID");
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/md5:0123", alice.basic(), null), 400, "DIGEST_INVALID");

        assertThat(fixture().send("DELETE", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null).statusCode()).isEqualTo(202);
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null), 404, "BLOB_UNKNOWN");
        assertError(fixture().send("DELETE", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null), 404, "BLOB_UNKNOWN");
    }

    @Test
    default void tagsListPaginatesWithLink() {
        ServerFixture.Account alice = fixture().newUser("tags");
        String repo = alice.name() + "/many";
        for (String t : new String[] {"v3", "v1", "latest", "v2"}) pushImage(repo, alice.basic(), t);
        JsonNode all = json(fixture().send("GET", "/v2/" + repo + "/tags/list", alice.basic(), null));
        assertThat(all.path("name").asText()).isEqualTo(repo);
        assertThat(all.path("tags").toString()).isEqualTo("[\"latest\",\"v1\",\"v2\",\"v3\"]");

        HttpResponse<byte[]> page = fixture().send("GET", "/v2/" + repo + "/tags/list?n=2", alice.basic(), null);
        assertThat(json(page).path("tags").toString()).isEqualTo("[\"latest\",\"v1\"]");
        String link = page.headers().firstValue("Link").orElseThrow();
        assertThat(link).isEqualTo("</v2/" + repo + "/tags/list?n=2&last=v1>; rel=\"next\"");
        HttpResponse<byte[]> next = fixture().send("GET", "/v2/" + repo + "/tags/list?n=2&last=v1", alice.basic(), null);
        assertThat(json(next).path("tags").toString()).isEqualTo("[\"v2\",\"v3\"]");
        assertThat(next.headers().firstValue("Link")).isEmpty();
        assertThat(fixture().send("GET", "/v2/" + repo + "/tags/list?n=abc", alice.basic(), null).statusCode()).isEqualTo(400);
        assertError(fixture().send("GET", "/v2/" + alice.name() + "/nothing/tags/list", alice.basic(), null), 404, "NAME_UNKNOWN");
    }

    @Test
    default void badNamesAndHugeHeadersAreClientErrors() {
        ServerFixture.Account alice = fixture().newUser("names");
        assertError(fixture().send("GET", "/v2/" + alice.name() + "/UPPER/tags/list", alice.basic(), null), 400, "NAME_INVALID");
        assertError(fixture().send("POST", "/v2/" + alice.name() + "/a..b/blobs/uploads/", alice.basic(), null), 400, "NAME_INVALID");
        assertError(fixture().send("POST", "/v2/justone/blobs/uploads/", alice.basic(), null), 400, "NAME_INVALID");
        assertError(fixture().send("PATCH", "/v2/" + alice.name() + "/x/tags/list", alice.basic(), new byte[0]), 405, "UNSUPPORTED");

        char[] big = new char[64 * 1024];
        Arrays.fill(big, 'a');
        HttpResponse<byte[]> huge = fixture().send("GET", "/v2/", alice.basic(), null, "X-Huge", new String(big));
        assertThat(huge.statusCode()).isBetween(400, 499);
        // the server is still up
        assertThat(fixture().send("GET", "/v2/", alice.basic(), null).statusCode()).isEqualTo(200);
    }
}
