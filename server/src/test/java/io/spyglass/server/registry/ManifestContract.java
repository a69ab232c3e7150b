package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static io.spyglass.server.registry.Contract.json;
import static io.spyglass.server.registry.Contract.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.server.store.EventStore;
import io.spyglass.server.store.TagPushed;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Manifest PUT/GET/HEAD/DELETE for the four manifest kinds, subject and referrers, and bad manifests. */
public interface ManifestContract extends Contract {
    String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private HttpResponse<byte[]> put(String repo, String ref, String auth, byte[] body, String type) {
        return fixture().send("PUT", "/v2/" + repo + "/manifests/" + ref, auth, body, "Content-Type", type);
    }

    /** Pushes config+layer blobs and returns a manifest body of the given Docker/OCI flavour over them. */
    private byte[] manifestOver(String repo, String auth, String mediaType, String extra) {
        byte[] config = ("{\"os\":\"linux\",\"n\":" + System.nanoTime() + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String c = pushBlob(repo, auth, config);
        String l = pushBlob(repo, auth, layer);
        boolean docker = mediaType.equals(DOCKER_MANIFEST);
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\","
                + "\"config\":{\"mediaType\":\"" + (docker ? "application/vnd.docker.container.image.v1+json" : "application/vnd.oci.image.config.v1+json")
                + "\",\"digest\":\"" + c + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"" + (docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : "application/vnd.oci.image.layer.v1.tar+gzip")
                + "\",\"digest\":\"" + l + "\",\"size\":" + layer.length + "}]" + extra + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] index(String mediaType, String childType, String childDigest, long childSize) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[{\"mediaType\":\"" + childType
                + "\",\"digest\":\"" + childDigest + "\",\"size\":" + childSize + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    default void everyManifestKindRoundTripsByTagAndDigest() {
        ServerFixture.Account alice = fixture().newUser("mani");
        String repo = alice.name() + "/kinds";
        for (String[] kind : new String[][] {{OCI_MANIFEST, OCI_INDEX}, {DOCKER_MANIFEST, DOCKER_LIST}}) {
            byte[] image = manifestOver(repo, alice.basic(), kind[0], "");
            String imageDigest = sha256(image);
            HttpResponse<byte[]> r = put(repo, "img-" + kind[0].length(), alice.basic(), image, kind[0]);
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.headers().firstValue("Docker-Content-Digest")).contains(imageDigest);
            assertThat(r.headers().firstValue("Location")).contains("/v2/" + repo + "/manifests/" + imageDigest);

            byte[] idx = index(kind[1], kind[0], imageDigest, image.length);
            String idxDigest = sha256(idx);
            assertThat(put(repo, idxDigest, alice.basic(), idx, kind[1]).statusCode()).isEqualTo(201);
            assertThat(put(repo, "list-" + kind[1].length(), alice.basic(), idx, kind[1]).statusCode()).isEqualTo(201);

            for (String ref : List.of("img-" + kind[0].length(), imageDigest)) {
                HttpResponse<byte[]> get = fixture().send("GET", "/v2/" + repo + "/manifests/" + ref, alice.basic(), null);
                assertThat(get.statusCode()).isEqualTo(200);
                assertThat(get.body()).isEqualTo(image);
                assertThat(get.headers().firstValue("Content-Type")).contains(kind[0]);
                assertThat(get.headers().firstValue("Docker-Content-Digest")).contains(imageDigest);
            }
            HttpResponse<byte[]> head = fixture().send("HEAD", "/v2/" + repo + "/manifests/list-" + kind[1].length(), alice.basic(), null);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(idxDigest);
            assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(idx.length));
            assertThat(head.headers().firstValue("Content-Type")).contains(kind[1]);
        }
    }

    @Test
    default void deleteByTagAndByDigest() {
        ServerFixture.Account alice = fixture().newUser("del");
        String repo = alice.name() + "/del";
        String digest = pushImage(repo, alice.basic(), "one");
        assertThat(put(repo, "two", alice.basic(), fixture().send("GET", "/v2/" + repo + "/manifests/one", alice.basic(), null).body(), OCI_MANIFEST).statusCode()).isEqualTo(201);
        assertThat(fixture().send("DELETE", "/v2/" + repo + "/manifests/one", alice.basic(), null).statusCode()).isEqualTo(202);
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/one", alice.basic(), null), 404, "MANIFEST_UNKNOWN");
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/two", alice.basic(), null).statusCode()).isEqualTo(200);
        assertThat(fixture().send("DELETE", "/v2/" + repo + "/manifests/" + digest, alice.basic(), null).statusCode()).isEqualTo(202);
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/two", alice.basic(), null), 404, "MANIFEST_UNKNOWN");
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/" + digest, alice.basic(), null), 404, "MANIFEST_UNKNOWN");
        assertError(fixture().send("DELETE", "/v2/" + repo + "/manifests/" + digest, alice.basic(), null), 404, "MANIFEST_UNKNOWN");
        assertThat(json(fixture().send("GET", "/v2/" + repo + "/tags/list", alice.basic(), null)).path("tags").size()).isZero();
    }

    @Test
    default void aRejectedFirstManifestLeavesNoRepositoryBehind() {
        ServerFixture.Account alice = fixture().newUser("firstm");
        String missing = sha256(("missing " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        assertError(put(alice.name() + "/fresh", "1", alice.basic(), "not json".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST),
                400, "MANIFEST_INVALID");
        assertError(put(alice.name() + "/fresh", "1", alice.basic(), Contract.imageManifest(missing, 10, missing, 10, ""), OCI_MANIFEST),
                400, "MANIFEST_BLOB_UNKNOWN");
        assertThat(fixture().hub().repositories().find(alice.name(), "fresh")).isEmpty();
        // an index of nothing references nothing: a first push may create the repository with it
        byte[] empty = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[]}").getBytes(StandardCharsets.UTF_8);
        assertThat(put(alice.name() + "/fresh", "empty", alice.basic(), empty, OCI_INDEX).statusCode()).isEqualTo(201);
        assertThat(fixture().hub().repositories().find(alice.name(), "fresh")).isPresent();
    }

    @Test
    default void badManifestsAreRefusedWithTheSpecCodes() {
        ServerFixture.Account alice = fixture().newUser("badm");
        String repo = alice.name() + "/badm";
        String missing = sha256(("missing " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        byte[] dangling = Contract.imageManifest(missing, 10, missing, 10, "");
        assertError(put(repo, "dangling", alice.basic(), dangling, OCI_MANIFEST), 400, "MANIFEST_BLOB_UNKNOWN");
        byte[] danglingIndex = index(OCI_INDEX, OCI_MANIFEST, missing, 10);
        assertError(put(repo, "dangling-index", alice.basic(), danglingIndex, OCI_INDEX), 400, "MANIFEST_BLOB_UNKNOWN");

        assertError(put(repo, "notjson", alice.basic(), "this is not json".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(put(repo, "array", alice.basic(), "[1,2,3]".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(put(repo, "other", alice.basic(), "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(put(repo, "wrongtype", alice.basic(), "{\"schemaVersion\":2,\"layers\":\"nope\",\"config\":{}}".getBytes(StandardCharsets.UTF_8), OCI_MANIFEST), 400, "MANIFEST_INVALID");
        HttpResponse<byte[]> schema1 = put(repo, "old", alice.basic(),
                "{\"schemaVersion\":1,\"name\":\"x/y\",\"tag\":\"old\",\"fsLayers\":[],\"history\":[]}".getBytes(StandardCharsets.UTF_8),
                "application/vnd.docker.distribution.manifest.v1+prettyjws");
        assertError(schema1, 400, "MANIFEST_INVALID");
        assertThat(json(schema1).path("errors").path(0).path("detail").asText()).contains("schema 1");
        assertError(put(repo, "odd", alice.basic(), "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8), "application/x-custom"), 400, "MANIFEST_INVALID");

        byte[] fine = manifestOver(repo, alice.basic(), OCI_MANIFEST, "");
        String other = sha256("something else".getBytes(StandardCharsets.UTF_8));
        assertError(put(repo, other, alice.basic(), fine, OCI_MANIFEST), 400, "DIGEST_INVALID");
        assertError(put(repo, "bad..tag!", alice.basic(), fine, OCI_MANIFEST), 400, "MANIFEST_INVALID");
        assertError(put(repo, "sha256:short", alice.basic(), fine, OCI_MANIFEST), 400, "DIGEST_INVALID");
        // none of these left a tag behind
        assertThat(json(fixture().send("GET", "/v2/" + repo + "/tags/list", alice.basic(), null)).path("tags").size()).isZero();
        assertError(fixture().send("GET", "/v2/" + repo + "/manifests/nosuchtag", alice.basic(), null), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    default void subjectAndReferrers() {
        ServerFixture.Account alice = fixture().newUser("refs");
        String repo = alice.name() + "/refs";
        String subject = pushImage(repo, alice.basic(), "app");
        long subjectSize = fixture().send("GET", "/v2/" + repo + "/manifests/app", alice.basic(), null).body().length;
        String subjectField = ",\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "}";

        byte[] sig = manifestOver(repo, alice.basic(), OCI_MANIFEST, ",\"artifactType\":\"application/vnd.example.signature\"" + subjectField
                + ",\"annotations\":{\"org.example.kind\":\"signature\"}");
        HttpResponse<byte[]> r = put(repo, sha256(sig), alice.basic(), sig, OCI_MANIFEST);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("OCI-Subject")).contains(subject);
        byte[] sbom = manifestOver(repo, alice.basic(), OCI_MANIFEST, ",\"artifactType\":\"application/spdx+json\"" + subjectField);
        assertThat(put(repo, sha256(sbom), alice.basic(), sbom, OCI_MANIFEST).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> all = fixture().send("GET", "/v2/" + repo + "/referrers/" + subject, alice.basic(), null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).contains(OCI_INDEX);
        JsonNode index = json(all);
        assertThat(index.path("mediaType").asText()).isEqualTo(OCI_INDEX);
        assertThat(index.path("manifests").size()).isEqualTo(2);
        assertThat(all.headers().firstValue("OCI-Filters-Applied")).isEmpty();

        HttpResponse<byte[]> sigs = fixture().send("GET", "/v2/" + repo + "/referrers/" + subject + "?artifactType=application/vnd.example.signature", alice.basic(), null);
        assertThat(sigs.headers().firstValue("OCI-Filters-Applied")).contains("artifactType");
        JsonNode only = json(sigs).path("manifests");
        assertThat(only.size()).isEqualTo(1);
        assertThat(only.path(0).path("digest").asText()).isEqualTo(sha256(sig));
        assertThat(only.path(0).path("size").asLong()).isEqualTo(sig.length);
        assertThat(only.path(0).path("artifactType").asText()).isEqualTo("application/vnd.example.signature");
        assertThat(only.path(0).path("annotations").path("org.example.kind").asText()).isEqualTo("signature");

        String nothing = sha256("no referrers".getBytes(StandardCharsets.UTF_8));
        assertThat(json(fixture().send("GET", "/v2/" + repo + "/referrers/" + nothing, alice.basic(), null)).path("manifests").size()).isZero();
        assertError(fixture().send("GET", "/v2/" + repo + "/referrers/sha256:zz", alice.basic(), null), 400, "DIGEST_INVALID");
    }

    @Test
    default void referrersOfAnUnknownRepositoryOrSubjectAreAnEmptyIndex() {
        ServerFixture.Account alice = fixture().newUser("norefs");
        ServerFixture.Account bob = fixture().newUser("nobody");
        String unknown = sha256("a subject never pushed".getBytes(StandardCharsets.UTF_8));
        // OCI dist-spec: the referrers API must not 404 for a well-formed digest, even before the first push
        String fresh = alice.name() + "/not-pushed-yet";
        HttpResponse<byte[]> r = fixture().send("GET", "/v2/" + fresh + "/referrers/" + unknown, alice.basic(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains(OCI_INDEX);
        assertThat(json(r).path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(json(r).path("mediaType").asText()).isEqualTo(OCI_INDEX);
        assertThat(json(r).path("manifests").isArray()).isTrue();
        assertThat(json(r).path("manifests").size()).isZero();
        assertThat(fixture().hub().repositories().find(alice.name(), "not-pushed-yet")).as("reading creates nothing").isEmpty();
        assertError(fixture().send("GET", "/v2/" + fresh + "/referrers/sha256:zz", alice.basic(), null), 400, "DIGEST_INVALID");
        // someone who may not see the namespace still learns nothing
        assertError(fixture().send("GET", "/v2/" + fresh + "/referrers/" + unknown, bob.basic(), null), 401, "UNAUTHORIZED");
    }

    @Test
    default void everyTagPushWritesAnEvent() {
        ServerFixture.Account alice = fixture().newUser("evt");
        String repo = alice.name() + "/events";
        EventStore events = new EventStore(fixture().server().database());
        long before = events.tagPushedAfter(0, 1_000_000).stream().mapToLong(TagPushed::id).max().orElse(0);
        String d1 = pushImage(repo, alice.basic(), "v1");
        String d2 = pushImage(repo, alice.basic(), "v2");
        List<TagPushed> mine = events.tagPushedAfter(before, 1000).stream().filter(e -> e.repository().equals(repo)).toList();
        assertThat(mine).extracting(TagPushed::tag).containsExactly("v1", "v2");
        assertThat(mine).extracting(TagPushed::digest).containsExactly(d1, d2);
        assertThat(mine.get(0).actor()).isEqualTo(alice.name());
        assertThat(mine.get(1).id()).isGreaterThan(mine.get(0).id());
    }
}
