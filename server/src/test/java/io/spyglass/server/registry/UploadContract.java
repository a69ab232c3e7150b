package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Monolithic, chunked and streamed uploads, status, cancel, mounts and every way an upload goes wrong. */
public interface UploadContract extends Contract {

    private String start(String repo, String auth) {
        HttpResponse<byte[]> r = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", auth, null);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Range")).contains("0-0");
        assertThat(r.headers().firstValue("Docker-Upload-UUID")).isPresent();
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/v2/" + repo + "/blobs/uploads/");
        return location;
    }

    private static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    @Test
    default void chunkedUploadWithContentRange() {
        ServerFixture.Account alice = fixture().newUser("chunk");
        String repo = alice.name() + "/chunked";
        byte[] a = "first chunk;".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second chunk".getBytes(StandardCharsets.UTF_8);
        String location = start(repo, alice.basic());

        HttpResponse<byte[]> p1 = fixture().send("PATCH", location, alice.basic(), a, "Content-Range", "0-" + (a.length - 1),
                "Content-Type", "application/octet-stream");
        assertThat(p1.statusCode()).isEqualTo(202);
        assertThat(p1.headers().firstValue("Range")).contains("0-" + (a.length - 1));
        location = p1.headers().firstValue("Location").orElseThrow();

        // out of order: starts past the end
        HttpResponse<byte[]> gap = fixture().send("PATCH", location, alice.basic(), b, "Content-Range", (a.length + 5) + "-" + (a.length + 5 + b.length - 1));
        assertThat(gap.statusCode()).isEqualTo(416);
        assertThat(Contract.json(gap).path("errors").path(0).path("code").asText()).isEqualTo("BLOB_UPLOAD_INVALID");

        HttpResponse<byte[]> status = fixture().send("GET", location, alice.basic(), null);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).contains("0-" + (a.length - 1));

        HttpResponse<byte[]> p2 = fixture().send("PATCH", location, alice.basic(), b, "Content-Range", a.length + "-" + (a.length + b.length - 1));
        assertThat(p2.statusCode()).isEqualTo(202);
        byte[] all = (new String(a, StandardCharsets.UTF_8) + new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String digest = Contract.sha256(all);
        HttpResponse<byte[]> done = fixture().send("PUT", withDigest(p2.headers().firstValue("Location").orElseThrow(), digest), alice.basic(), null);
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(done.headers().firstValue("Location")).contains("/v2/" + repo + "/blobs/" + digest);
        assertThat(done.headers().firstValue("Docker-Content-Digest")).contains(digest);
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null).body()).isEqualTo(all);
        // the finished upload is gone
        assertError(fixture().send("GET", location, alice.basic(), null), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    default void streamedUploadAndFinalChunkInPut() {
        ServerFixture.Account alice = fixture().newUser("stream");
        String repo = alice.name() + "/streamed";
        byte[] a = new byte[200_000];
        new java.util.Random(7).nextBytes(a);
        byte[] tail = "tail".getBytes(StandardCharsets.UTF_8);
        String location = start(repo, alice.basic());
        HttpResponse<byte[]> p = fixture().send("PATCH", location, alice.basic(), a, "Content-Type", "application/octet-stream");
        assertThat(p.statusCode()).isEqualTo(202);
        byte[] all = new byte[a.length + tail.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(tail, 0, all, a.length, tail.length);
        String digest = Contract.sha256(all);
        HttpResponse<byte[]> done = fixture().send("PUT", withDigest(p.headers().firstValue("Location").orElseThrow(), digest), alice.basic(), tail,
                "Content-Type", "application/octet-stream");
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null).body()).isEqualTo(all);
    }

    @Test
    default void sha512Blobs() throws Exception {
        ServerFixture.Account alice = fixture().newUser("sha");
        String repo = alice.name() + "/five12";
        byte[] content = "sha512 content".getBytes(StandardCharsets.UTF_8);
        String digest = "sha512:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content));
        HttpResponse<byte[]> r = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, alice.basic(), content);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null).body()).isEqualTo(content);
        // chunked too
        String location = start(repo, alice.basic());
        fixture().send("PATCH", location, alice.basic(), content, "Content-Range", "0-" + (content.length - 1));
        assertThat(fixture().send("PUT", withDigest(location, digest), alice.basic(), null).statusCode()).isEqualTo(201);
    }

    @Test
    default void wrongDigestOrLengthLeavesNothingVisible() {
        ServerFixture.Account alice = fixture().newUser("bad");
        String repo = alice.name() + "/bad";
        byte[] content = "the real content".getBytes(StandardCharsets.UTF_8);
        String claimed = Contract.sha256("other content".getBytes(StandardCharsets.UTF_8));
        assertError(fixture().send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + claimed, alice.basic(), content), 400, "DIGEST_INVALID");
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/" + claimed, alice.basic(), null), 404, "BLOB_UNKNOWN");
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/" + Contract.sha256(content), alice.basic(), null), 404, "BLOB_UNKNOWN");

        String location = start(repo, alice.basic());
        fixture().send("PATCH", location, alice.basic(), content);
        assertError(fixture().send("PUT", withDigest(location, claimed), alice.basic(), null), 400, "DIGEST_INVALID");
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/" + claimed, alice.basic(), null), 404, "BLOB_UNKNOWN");
        assertError(fixture().send("PUT", withDigest(start(repo, alice.basic()), "sha256:nothex"), alice.basic(), null), 400, "DIGEST_INVALID");
        assertError(fixture().send("PUT", start(repo, alice.basic()), alice.basic(), null), 400, "DIGEST_INVALID");

        // Content-Range that disagrees with the body length
        String l2 = start(repo, alice.basic());
        assertThat(fixture().send("PATCH", l2, alice.basic(), content, "Content-Range", "0-3").statusCode()).isEqualTo(416);
        assertThat(fixture().send("PATCH", l2, alice.basic(), content, "Content-Range", "garbage").statusCode()).isEqualTo(416);
    }

    @Test
    default void truncatedUploadLeavesNoBlob() throws Exception {
        ServerFixture.Account alice = fixture().newUser("trunc");
        String repo = alice.name() + "/trunc";
        byte[] content = new byte[100_000];
        new java.util.Random(3).nextBytes(content);
        String digest = Contract.sha256(content);
        // promise 100000 bytes, send 1000, hang up
        try (Socket s = new Socket("127.0.0.1", fixture().server().port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v2/" + repo + "/blobs/uploads/?digest=" + digest + " HTTP/1.1\r\nHost: " + fixture().host()
                    + "\r\nAuthorization: " + alice.basic() + "\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, 1000);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            in.readAllBytes();
        }
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/" + digest, alice.basic(), null), 404, "BLOB_UNKNOWN");
        // the whole blob still goes through afterwards
        assertThat(pushBlob(repo, alice.basic(), content)).isEqualTo(digest);
    }

    @Test
    default void cancelAndUnknownUploads() {
        ServerFixture.Account alice = fixture().newUser("cancel");
        String repo = alice.name() + "/cancel";
        String location = start(repo, alice.basic());
        fixture().send("PATCH", location, alice.basic(), "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(fixture().send("DELETE", location, alice.basic(), null).statusCode()).isEqualTo(204);
        assertError(fixture().send("GET", location, alice.basic(), null), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(fixture().send("PATCH", location, alice.basic(), "x".getBytes(StandardCharsets.UTF_8)), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(fixture().send("PATCH", "/v2/" + repo + "/blobs/uploads/not-a-uuid", alice.basic(), new byte[1]), 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/uploads/../../etc", alice.basic(), null).statusCode()).isEqualTo(404);
        // an upload of another repository is not reachable through this one
        String other = start(alice.name() + "/elsewhere", alice.basic());
        String id = other.substring(other.lastIndexOf('/') + 1);
        assertError(fixture().send("GET", "/v2/" + repo + "/blobs/uploads/" + id, alice.basic(), null), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    default void mountOnlyFromRepositoriesThePusherMayPull() {
        ServerFixture.Account alice = fixture().newUser("mount");
        ServerFixture.Account bob = fixture().newUser("mount");
        byte[] secret = ("alice's private layer " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String digest = pushBlob(alice.name() + "/private", alice.basic(), secret);
        var repo = fixture().hub().repositories().find(alice.name(), "private").orElseThrow();
        fixture().hub().repositories().update(repo, true, null, null);

        // alice mounts into her own other repository: 201
        HttpResponse<byte[]> own = fixture().send("POST", "/v2/" + alice.name() + "/copy/blobs/uploads/?mount=" + digest + "&from=" + alice.name() + "/private", alice.basic(), null);
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(own.headers().firstValue("Location")).contains("/v2/" + alice.name() + "/copy/blobs/" + digest);
        assertThat(fixture().send("GET", "/v2/" + alice.name() + "/copy/blobs/" + digest, alice.basic(), null).body()).isEqualTo(secret);

        // bob may not pull alice/private: a plain upload session instead, and the blob stays unknown to him
        HttpResponse<byte[]> theft = fixture().send("POST", "/v2/" + bob.name() + "/loot/blobs/uploads/?mount=" + digest + "&from=" + alice.name() + "/private", bob.basic(), null);
        assertThat(theft.statusCode()).isEqualTo(202);
        assertError(fixture().send("GET", "/v2/" + bob.name() + "/loot/blobs/" + digest, bob.basic(), null), 404, "BLOB_UNKNOWN");
        // a malformed mount also falls back to an upload
        assertThat(fixture().send("POST", "/v2/" + bob.name() + "/loot/blobs/uploads/?mount=junk&from=NOT%20VALID", bob.basic(), null).statusCode()).isEqualTo(202);
    }
}
