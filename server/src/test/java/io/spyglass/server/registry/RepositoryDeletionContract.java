package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static io.spyglass.server.registry.Contract.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.server.hub.Role;
import io.spyglass.server.testing.WithoutRequestId;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /api/repositories/NS/NAME}: owners and admins only, the same 404 as a missing
 * repository for whoever may not see it; afterwards the name is unknown to the registry, a manifest
 * another repository shares is untouched, and a push starts a new, empty repository.
 */
public interface RepositoryDeletionContract extends Contract {

    private HttpResponse<byte[]> delete(String repo, ServerFixture.Account who) {
        return fixture().send("DELETE", "/api/repositories/" + repo, who == null ? null : who.basic(), null);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** Pushes the same small image (config, layer, manifest bytes) under {@code tag} to each repository; the manifest digest. */
    private String pushShared(ServerFixture.Account owner, String tag, String... repos) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":\"" + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("shared layer " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        byte[] manifest = Contract.imageManifest(Contract.sha256(config), config.length, Contract.sha256(layer), layer.length, "");
        for (String repo : repos) {
            pushBlob(repo, owner.basic(), config);
            pushBlob(repo, owner.basic(), layer);
            HttpResponse<byte[]> r = fixture().send("PUT", "/v2/" + repo + "/manifests/" + tag, owner.basic(), manifest,
                    "Content-Type", "application/vnd.oci.image.manifest.v1+json");
            assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
        }
        return Contract.sha256(manifest);
    }

    @Test
    default void ownersDeleteARepositoryAndAPushStartsItAfresh() {
        ServerFixture.Account alice = fixture().newUser("delown");
        ServerFixture.Account bob = fixture().newUser("delmem");
        ServerFixture.Account mallory = fixture().newUser("delout");
        String org = fixture().newOrg("delorg", alice);
        fixture().addMember(org, bob, Role.MEMBER);
        String repo = org + "/app";
        pushImage(repo, alice.basic(), "v1");
        pushImage(repo, alice.basic(), "v2");
        String shared = pushShared(alice, "shared", repo, org + "/copy");
        var hub = fixture().hub();
        hub.repositories().update(hub.repositories().find(org, "app").orElseThrow(), true, "the app", null);

        // an outsider cannot tell the private repository from a missing one
        HttpResponse<byte[]> hidden = delete(repo, mallory);
        HttpResponse<byte[]> missing = delete(org + "/nothere", mallory);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(WithoutRequestId.of(text(hidden)).replace("/app", "/nothere")).isEqualTo(WithoutRequestId.of(text(missing)));
        assertThat(delete(repo, null).statusCode()).isEqualTo(404);
        // a member may push but not delete, and is told why
        HttpResponse<byte[]> member = delete(repo, bob);
        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(json(member).path("error").asText()).isEqualTo("only owners and admins of '" + org + "' delete repositories");
        assertThat(json(fixture().send("GET", "/v2/" + repo + "/tags/list", alice.basic(), null)).path("tags")).hasSize(3);

        HttpResponse<byte[]> gone = delete(repo, alice);
        assertThat(gone.statusCode()).as(text(gone)).isEqualTo(200);
        JsonNode body = json(gone);
        assertThat(body.path("deleted").asText()).isEqualTo(repo);
        assertThat(body.path("tags").asInt()).isEqualTo(3);
        assertThat(body.path("manifests").asInt()).isEqualTo(3);

        assertError(fixture().send("GET", "/v2/" + repo + "/tags/list", alice.basic(), null), 404, "NAME_UNKNOWN");
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/v1", alice.basic(), null).statusCode()).isEqualTo(404);
        assertThat(fixture().send("GET", "/api/repositories/" + repo, alice.basic(), null).statusCode()).isEqualTo(404);
        assertThat(delete(repo, alice).statusCode()).isEqualTo(404);
        assertThat(hub.repositories().find(org, "app")).isEmpty();
        // the other repository holding the same image still serves it
        HttpResponse<byte[]> copy = fixture().send("GET", "/v2/" + org + "/copy/manifests/shared", alice.basic(), null);
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(Contract.sha256(copy.body())).isEqualTo(shared);
        String layer = json(copy).path("layers").path(0).path("digest").asText();
        assertThat(fixture().send("GET", "/v2/" + org + "/copy/blobs/" + layer, alice.basic(), null).statusCode()).isEqualTo(200);

        // a push to the name creates a new repository: no old tags, the server's default settings
        pushImage(repo, alice.basic(), "fresh");
        assertThat(json(fixture().send("GET", "/v2/" + repo + "/tags/list", alice.basic(), null)).path("tags").toString())
                .isEqualTo("[\"fresh\"]");
        JsonNode settings = json(fixture().send("GET", "/api/repositories/" + repo, alice.basic(), null));
        assertThat(settings.path("private").asBoolean()).isFalse();
        assertThat(settings.path("description").asText()).isEmpty();
    }
}
