package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.testing.PostgresS3Stack;
import io.spyglass.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Spyglass nodes on one PostgreSQL and one S3 store, as behind a load balancer without sticky
 * sessions: what one node accepted, the other serves; a token one node signed, the other honours
 * (the signing key lives in the database); an upload started on one node continues on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeTest {
    @TempDir
    static Path dir;

    private PostgresS3Stack stack;
    private ServerFixture a;
    private ServerFixture b;

    @BeforeAll
    void startTwoNodes() throws Exception {
        stack = PostgresS3Stack.start(dir);
        a = ServerFixture.start(stack.config(dir.resolve("node-a")));
        b = ServerFixture.start(stack.config(dir.resolve("node-b")));
    }

    @AfterAll
    void stop() throws Exception {
        if (b != null) b.close();
        if (a != null) a.close();
        if (stack != null) stack.close();
    }

    @Test
    void anImagePushedToOneNodeIsPulledFromTheOther() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("alpine/oci");
        ServerFixture.Account alice = a.newUser("multi");
        Path work = Files.createDirectories(dir.resolve("skopeo"));
        String image = alice.name() + "/alpine";

        String digest = Skopeo.push(work, "oci:" + layout + ":3.20.3", a.host() + "/" + image + ":3.20.3",
                Skopeo.authFile(work, a.host(), alice.name(), alice.password()));
        Path pulled = work.resolve("pulled");
        Skopeo.Result r = Skopeo.pull(work, b.host() + "/" + image + ":3.20.3", pulled,
                Skopeo.authFile(work, b.host(), alice.name(), alice.password()));

        assertThat(r.exit()).as(r.output()).isZero();
        Path source = layout.resolve("blobs").resolve(digest.replace(':', '/'));
        assertThat(Files.mismatch(pulled.resolve("manifest.json"), source)).as("manifest bytes").isEqualTo(-1L);
    }

    @Test
    void aTokenSignedByOneNodeIsHonouredByTheOther() {
        ServerFixture.Account bob = a.newUser("token");
        String repo = bob.name() + "/app";
        a.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Contract.sha256(new byte[] {1}), bob.basic(), new byte[] {1});
        String scope = "&scope=repository:" + repo + ":pull,push";
        String token = Contract.json(a.send("GET", "/token?service=" + a.host() + scope, bob.basic(), null)).path("token").asText();

        HttpResponse<byte[]> onB = b.send("HEAD", "/v2/" + repo + "/blobs/" + Contract.sha256(new byte[] {1}), "Bearer " + token, null);

        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(b.send("GET", "/v2/", "Bearer " + token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aChunkedUploadMovesBetweenNodes() {
        ServerFixture.Account carol = a.newUser("chunks");
        String repo = carol.name() + "/chunked";
        byte[] one = "chunk one from node A;".getBytes(StandardCharsets.UTF_8);
        byte[] two = "chunk two through node B".getBytes(StandardCharsets.UTF_8);
        String location = a.send("POST", "/v2/" + repo + "/blobs/uploads/", carol.basic(), null).headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> p1 = a.send("PATCH", location, carol.basic(), one, "Content-Range", "0-" + (one.length - 1));
        HttpResponse<byte[]> status = b.send("GET", p1.headers().firstValue("Location").orElseThrow(), carol.basic(), null);
        HttpResponse<byte[]> p2 = b.send("PATCH", status.headers().firstValue("Location").orElse(location), carol.basic(), two,
                "Content-Range", one.length + "-" + (one.length + two.length - 1));
        byte[] all = (new String(one, StandardCharsets.UTF_8) + new String(two, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String digest = Contract.sha256(all);
        String last = p2.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> done = a.send("PUT", last + (last.contains("?") ? "&" : "?") + "digest=" + digest, carol.basic(), null);

        assertThat(p1.statusCode()).isEqualTo(202);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).contains("0-" + (one.length - 1));
        assertThat(p2.statusCode()).as(new String(p2.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        assertThat(done.statusCode()).as(new String(done.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(b.send("GET", "/v2/" + repo + "/blobs/" + digest, carol.basic(), null).body()).isEqualTo(all);
    }
}
