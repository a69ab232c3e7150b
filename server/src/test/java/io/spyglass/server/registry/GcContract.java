package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.image.Digest;
import io.spyglass.server.store.GarbageCollector;
import io.spyglass.server.store.blob.BlobPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection on a running server: two images sharing a base layer pushed with skopeo,
 * one removed, then {@link GarbageCollector} sweeps what only that one used. "An hour ago" is made
 * by moving the rows' times back, exactly what the grace period reads.
 */
public interface GcContract extends Contract {
    Duration HOUR = Duration.ofHours(1);

    /** One image of the layout: manifest, config and layer digests. */
    record Image(String tag, String manifest, String config, List<String> layers) {}

    /** Two images in one OCI layout: "base" (layer B) and "app" (layers B and A), every blob unique to this call. */
    private static List<Image> twoImagesSharingABaseLayer(Path layout) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        byte[] baseTar = tar("etc/os-release", "ID=gc-test\nN=" + System.nanoTime() + "\n");
        byte[] appTar = tar("app/run.sh", "echo app " + System.nanoTime() + "\n");
        String base = blob(layout, gzip(baseTar));
        String app = blob(layout, gzip(appTar));
        Image baseImage = image(layout, "base", List.of(base), List.of(Contract.sha256(baseTar)));
        Image appImage = image(layout, "app", List.of(base, app), List.of(Contract.sha256(baseTar), Contract.sha256(appTar)));
        StringBuilder index = new StringBuilder("{\"schemaVersion\":2,\"manifests\":[");
        for (Image i : List.of(baseImage, appImage)) {
            if (i != baseImage) index.append(',');
            index.append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"").append(i.manifest())
                    .append("\",\"size\":").append(Files.size(path(layout, i.manifest())))
                    .append(",\"annotations\":{\"org.opencontainers.image.ref.name\":\"").append(i.tag()).append("\"}}");
        }
        Files.writeString(layout.resolve("index.json"), index.append("]}").toString());
        return List.of(baseImage, appImage);
    }

    private static Image image(Path layout, String tag, List<String> layers, List<String> diffIds) throws IOException {
        // gzip layers as a registry gets them (skopeo would compress plain tar ones on the way, changing the digests)
        String config = blob(layout, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"tag\":\"" + tag
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + String.join("\",\"", diffIds) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder m = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
                + "\",\"size\":" + Files.size(path(layout, config)) + "},\"layers\":[");
        for (String l : layers) {
            if (!l.equals(layers.get(0))) m.append(',');
            m.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"").append(l)
                    .append("\",\"size\":").append(Files.size(path(layout, l))).append('}');
        }
        String manifest = blob(layout, m.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        return new Image(tag, manifest, config, layers);
    }

    private static byte[] tar(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(bytes.length);
            tar.putArchiveEntry(e);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String blob(Path layout, byte[] bytes) throws IOException {
        String digest = Contract.sha256(bytes);
        Files.write(path(layout, digest), bytes);
        return digest;
    }

    private static Path path(Path layout, String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** Moves the push time of these blobs and manifests {@code age} into the past. */
    private void age(List<String> digests, Duration age) {
        long then = System.currentTimeMillis() - age.toMillis();
        fixture().server().database().withHandle(h -> {
            for (String table : List.of("blobs", "repository_blobs", "manifests")) {
                h.createUpdate("UPDATE " + table + " SET created_at = :t WHERE digest IN (<d>)").bind("t", then).bindList("d", digests).execute();
            }
            return null;
        });
    }

    private GarbageCollector.Report gc(boolean dryRun, boolean deleteUntagged) throws IOException {
        return new GarbageCollector(fixture().server().database(), fixture().server().blobStore())
                .run(new GarbageCollector.Options(dryRun, deleteUntagged, HOUR, Duration.ofDays(7)));
    }

    private static List<String> swept(GarbageCollector.Report r) {
        return r.blobs().stream().map(GarbageCollector.Swept::digest).toList();
    }

    private boolean stored(String digest) throws IOException {
        return fixture().server().blobStore().exists(Digest.parse(digest));
    }

    private static List<String> all(Image... images) {
        List<String> out = new ArrayList<>();
        for (Image i : images) {
            out.add(i.manifest());
            out.add(i.config());
            out.addAll(i.layers());
        }
        return out.stream().distinct().toList();
    }

    /** skopeo pulls {@code image} and every file equals the layout's. */
    private void assertPullsSameBytes(Path work, String repo, Image image, Path layout, Path auth) throws Exception {
        Path out = work.resolve("pulled-" + System.nanoTime());
        Skopeo.Result r = Skopeo.pull(work, fixture().host() + "/" + repo + ":" + image.tag(), out, auth);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(Files.mismatch(out.resolve("manifest.json"), path(layout, image.manifest()))).isEqualTo(-1L);
        for (String d : all(image)) {
            if (d.equals(image.manifest())) continue;
            assertThat(Files.mismatch(out.resolve(d.substring(7)), path(layout, d))).as("blob %s", d).isEqualTo(-1L);
        }
    }

    @Test
    default void gcSweepsTheLayersOnlyADeletedImageUsedAndKeepsTheSharedBaseLayer() throws Exception {
        Skopeo.assumeInstalled();
        ServerFixture.Account alice = fixture().newUser("gc");
        String repo = alice.name() + "/shared";
        Path work = Files.createDirectories(workDir().resolve("gc-" + alice.name()));
        Path layout = work.resolve("layout");
        List<Image> images = twoImagesSharingABaseLayer(layout);
        Image base = images.get(0);
        Image app = images.get(1);
        Path auth = Skopeo.authFile(work, fixture().host(), alice.name(), alice.password());
        for (Image i : images) {
            assertThat(Skopeo.push(work, "oci:" + layout + ":" + i.tag(), fixture().host() + "/" + repo + ":" + i.tag(), auth)).isEqualTo(i.manifest());
        }
        HttpResponse<byte[]> del = fixture().send("DELETE", "/v2/" + repo + "/manifests/" + app.manifest(), alice.basic(), null);
        assertThat(del.statusCode()).isEqualTo(202);
        age(all(base, app), Duration.ofHours(2));
        List<String> onlyApp = List.of(app.manifest(), app.config(), app.layers().get(1));

        GarbageCollector.Report dry = gc(true, false);
        assertThat(swept(dry)).containsAll(onlyApp).doesNotContainAnyElementsOf(all(base));
        for (String d : all(base, app)) assertThat(stored(d)).as("dry run keeps %s", d).isTrue();

        GarbageCollector.Report real = gc(false, false);
        assertThat(swept(real)).containsAll(onlyApp).doesNotContainAnyElementsOf(all(base));
        assertThat(real.blobBytes()).isGreaterThanOrEqualTo(Files.size(path(layout, app.layers().get(1))));
        for (String d : onlyApp) {
            assertThat(stored(d)).as("swept %s", d).isFalse();
            assertThat(fixture().send("HEAD", "/v2/" + repo + "/blobs/" + d, alice.basic(), null).statusCode()).isEqualTo(404);
        }
        for (String d : all(base)) assertThat(stored(d)).as("kept %s", d).isTrue();
        assertPullsSameBytes(work, repo, base, layout, auth);
        assertThat(swept(gc(false, false))).as("a second run finds nothing of this repository").doesNotContainAnyElementsOf(all(base, app));
    }

    @Test
    default void deleteUntaggedRemovesAManifestNoTagReachesAndThenItsUniqueBlobs() throws Exception {
        Skopeo.assumeInstalled();
        ServerFixture.Account bob = fixture().newUser("gcu");
        String repo = bob.name() + "/untagged";
        Path work = Files.createDirectories(workDir().resolve("gcu-" + bob.name()));
        Path layout = work.resolve("layout");
        List<Image> images = twoImagesSharingABaseLayer(layout);
        Image base = images.get(0);
        Image app = images.get(1);
        Path auth = Skopeo.authFile(work, fixture().host(), bob.name(), bob.password());
        for (Image i : images) Skopeo.push(work, "oci:" + layout + ":" + i.tag(), fixture().host() + "/" + repo + ":" + i.tag(), auth);
        assertThat(fixture().send("DELETE", "/v2/" + repo + "/manifests/app", bob.basic(), null).statusCode()).isEqualTo(202);
        age(all(base, app), Duration.ofHours(2));

        assertThat(swept(gc(false, false))).as("an untagged manifest still holds its blobs").doesNotContainAnyElementsOf(all(base, app));
        GarbageCollector.Report dry = gc(true, true);
        assertThat(dry.manifests()).contains(repo + "@" + app.manifest()).noneMatch(m -> m.endsWith(base.manifest()));
        assertThat(swept(dry)).contains(app.manifest(), app.config(), app.layers().get(1));
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/" + app.manifest(), bob.basic(), null).statusCode()).isEqualTo(200);

        GarbageCollector.Report real = gc(false, true);
        assertThat(real.manifests()).contains(repo + "@" + app.manifest());
        assertThat(swept(real)).contains(app.manifest(), app.config(), app.layers().get(1)).doesNotContainAnyElementsOf(all(base));
        assertThat(fixture().send("GET", "/v2/" + repo + "/manifests/" + app.manifest(), bob.basic(), null).statusCode()).isEqualTo(404);
        assertPullsSameBytes(work, repo, base, layout, auth);
    }

    @Test
    default void aBlobJustUploadedWithoutItsManifestSurvivesTheGracePeriod() throws Exception {
        ServerFixture.Account carol = fixture().newUser("gcf");
        String repo = carol.name() + "/inflight";
        byte[] layer = ("layer pushed a moment ago " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"n\":\"" + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8);
        String fresh = pushBlob(repo, carol.basic(), layer);
        String freshConfig = pushBlob(repo, carol.basic(), config);
        String old = pushBlob(repo, carol.basic(), ("layer left two hours ago " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        age(List.of(old), Duration.ofHours(2));

        GarbageCollector.Report r = gc(false, true);
        assertThat(swept(r)).contains(old).doesNotContain(fresh, freshConfig);
        assertThat(stored(fresh)).isTrue();
        assertThat(stored(old)).isFalse();
        // the push goes on: its manifest is accepted and the layer pulls
        byte[] manifest = Contract.imageManifest(freshConfig, config.length, fresh, layer.length, "");
        assertThat(fixture().send("PUT", "/v2/" + repo + "/manifests/v1", carol.basic(), manifest,
                "Content-Type", "application/vnd.oci.image.manifest.v1+json").statusCode()).isEqualTo(201);
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/" + fresh, carol.basic(), null).body()).isEqualTo(layer);
    }

    @Test
    default void anUploadAbandonedLongerThanUploadMaxAgeIsPurgedAndAFreshOneIsNot() throws Exception {
        ServerFixture.Account dave = fixture().newUser("gcp");
        String repo = dave.name() + "/uploads";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> start = fixture().send("POST", "/v2/" + repo + "/blobs/uploads/", dave.basic(), null);
            assertThat(start.statusCode()).isEqualTo(202);
            String location = start.headers().firstValue("Location").orElseThrow();
            assertThat(fixture().send("PATCH", location, dave.basic(), "half a layer".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/octet-stream").statusCode()).isEqualTo(202);
            ids.add(location.substring(location.lastIndexOf('/') + 1));
        }
        String abandoned = ids.get(0);
        String fresh = ids.get(1);
        fixture().server().database().withHandle(h -> h.createUpdate("UPDATE uploads SET created_at = :t WHERE id = :id")
                .bind("t", System.currentTimeMillis() - Duration.ofDays(8).toMillis()).bind("id", abandoned).execute());

        GarbageCollector.Report dry = gc(true, false);
        assertThat(dry.uploads()).contains(abandoned).doesNotContain(fresh);
        assertThat(fixture().server().blobStore().driver().exists(BlobPaths.upload(abandoned))).isTrue();

        GarbageCollector.Report real = gc(false, false);
        assertThat(real.uploads()).contains(abandoned).doesNotContain(fresh);
        assertThat(real.uploadBytes()).isGreaterThanOrEqualTo("half a layer".length());
        assertThat(fixture().server().blobStore().driver().exists(BlobPaths.upload(abandoned))).isFalse();
        Contract.assertError(fixture().send("GET", "/v2/" + repo + "/blobs/uploads/" + abandoned, dave.basic(), null), 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(fixture().send("GET", "/v2/" + repo + "/blobs/uploads/" + fresh, dave.basic(), null).statusCode()).isEqualTo(204);
    }
}
