package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code skopeo delete docker://…} as a user would run it: the owner deletes by tag and by digest
 * and pushes again; someone who may only pull is refused and nothing is lost. (Clients that keep a
 * token without {@code delete} are covered by {@link TokenScopeContract} and the OCI conformance test.)
 */
public interface SkopeoDeleteContract extends Contract {

    @Test
    default void skopeoDeletesAndTheImageCanBePushedAgain() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("alpine/oci");
        JsonNode first = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").path(0);
        String source = "oci:" + layout + ":" + first.path("annotations").path("org.opencontainers.image.ref.name").asText();
        String digest = first.path("digest").asText();
        ServerFixture.Account alice = fixture().newUser("skdel");
        ServerFixture.Account bob = fixture().newUser("skpull");
        Path work = Files.createDirectories(workDir().resolve("skopeo-delete"));
        Path aliceAuth = Skopeo.authFile(work, fixture().host(), alice.name(), alice.password());
        Path bobAuth = Skopeo.authFile(work, fixture().host(), bob.name(), bob.password());
        String repo = alice.name() + "/deleted";
        String image = fixture().host() + "/" + repo;

        assertThat(Skopeo.push(work, source, image + ":v1", aliceAuth)).isEqualTo(digest);
        // bob may pull the public repository, never delete from it
        Skopeo.Result refused = delete(work, bobAuth, image + ":v1");
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).containsIgnoringCase("denied");
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/v1", alice.basic(), null).statusCode()).as("still there").isEqualTo(200);

        Skopeo.Result byTag = delete(work, aliceAuth, image + ":v1");
        assertThat(byTag.exit()).as(byTag.output()).isZero();
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/v1", alice.basic(), null), 404, "MANIFEST_UNKNOWN");
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/" + digest, alice.basic(), null), 404, "MANIFEST_UNKNOWN");

        // pushed again (the blobs are still linked), then deleted by digest
        assertThat(Skopeo.push(work, source, image + ":v2", aliceAuth)).isEqualTo(digest);
        Skopeo.Result pulled = Skopeo.pull(work, image + ":v2", work.resolve("pulled"), aliceAuth);
        assertThat(pulled.exit()).as(pulled.output()).isZero();
        assertThat(Contract.sha256(Files.readAllBytes(work.resolve("pulled").resolve("manifest.json")))).isEqualTo(digest);
        Skopeo.Result byDigest = delete(work, aliceAuth, image + "@" + digest);
        assertThat(byDigest.exit()).as(byDigest.output()).isZero();
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/v2", alice.basic(), null), 404, "MANIFEST_UNKNOWN");
    }

    private static Skopeo.Result delete(Path work, Path auth, String image) throws Exception {
        return Skopeo.run(work, "delete", "--retry-times", "0", "--tls-verify=false", "--authfile", auth.toString(), "docker://" + image);
    }
}
