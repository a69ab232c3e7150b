package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real client: skopeo pushes every corpus image (OCI layouts, and a docker-archive that skopeo
 * turns into Docker schema 2) with and without credentials, by tag and by digest, then pulls each
 * back and compares the manifest and every blob byte for byte with the source layout.
 */
public interface SkopeoContract extends Contract {

    /** (layout dir, tag, manifest digest) of every image in every corpus OCI layout. */
    private static List<String[]> corpusImages() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String family : List.of("alpine", "arch", "debian", "rpm")) {
            Path layout = SharedData.requireCorpus(family + "/oci");
            JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
            for (JsonNode m : index.path("manifests")) {
                out.add(new String[] {layout.toString(), m.path("annotations").path("org.opencontainers.image.ref.name").asText(), m.path("digest").asText()});
            }
        }
        return out;
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** Every file skopeo pulled into {@code dir:} equals the layout's blob of the same digest. */
    private static void assertSameBytes(Path pulled, Path layout, String manifestDigest) throws IOException {
        assertThat(Files.mismatch(pulled.resolve("manifest.json"), blob(layout, manifestDigest))).isEqualTo(-1L);
        JsonNode manifest = JSON.readTree(pulled.resolve("manifest.json").toFile());
        List<String> digests = new ArrayList<>();
        digests.add(manifest.path("config").path("digest").asText());
        manifest.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
        for (String d : digests) {
            Path got = pulled.resolve(d.substring(d.indexOf(':') + 1));
            assertThat(Files.mismatch(got, blob(layout, d))).as("blob %s", d).isEqualTo(-1L);
        }
    }

    @Test
    default void skopeoPushesAndPullsEveryCorpusImageWithAuth() throws Exception {
        Skopeo.assumeInstalled();
        List<String[]> images = corpusImages();
        ServerFixture.Account alice = fixture().newUser("skopeo");
        Path work = Files.createDirectories(workDir().resolve("skopeo-auth"));
        Path auth = Skopeo.authFile(work, fixture().host(), alice.name(), alice.password());
        for (String[] img : images) {
            Path layout = Path.of(img[0]);
            String repo = alice.name() + "/" + layout.getParent().getFileName();
            String pushed = Skopeo.push(work, "oci:" + layout + ":" + img[1], fixture().host() + "/" + repo + ":" + img[1], auth);
            assertThat(pushed).as("digest of %s:%s", layout, img[1]).isEqualTo(img[2]);
            for (String ref : List.of(":" + img[1], "@" + img[2])) {
                Path out = work.resolve("pulled-" + System.nanoTime());
                Skopeo.Result r = Skopeo.pull(work, fixture().host() + "/" + repo + ref, out, auth);
                assertThat(r.exit()).as(r.output()).isZero();
                assertSameBytes(out, layout, img[2]);
            }
        }
    }

    @Test
    default void skopeoAnonymousPullOfPublicAndPushByDigest() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("alpine/oci");
        String[] img = corpusImages().stream().filter(i -> i[0].equals(layout.toString())).findFirst().orElseThrow();
        ServerFixture.Account bob = fixture().newUser("skdig");
        Path work = Files.createDirectories(workDir().resolve("skopeo-digest"));
        Path auth = Skopeo.authFile(work, fixture().host(), bob.name(), bob.password());
        String dest = fixture().host() + "/" + bob.name() + "/bydigest";

        // anonymous push is refused and creates nothing
        assertThat(Skopeo.run(work, "copy", "--retry-times", "0", "--dest-tls-verify=false", "oci:" + layout + ":" + img[1], "docker://" + dest + ":x").exit()).isNotZero();
        assertThat(fixture().hub().repositories().find(bob.name(), "bydigest")).isEmpty();

        assertThat(Skopeo.push(work, "oci:" + layout + ":" + img[1], dest + "@" + img[2], auth)).isEqualTo(img[2]);
        Path out = work.resolve("anon");
        Skopeo.Result r = Skopeo.pull(work, dest + "@" + img[2], out, null);
        assertThat(r.exit()).as(r.output()).isZero();
        assertSameBytes(out, layout, img[2]);
    }

    @Test
    default void skopeoPushesDockerArchiveAsSchema2() throws Exception {
        Skopeo.assumeInstalled();
        Path archive;
        try (Stream<Path> s = Files.list(SharedData.requireCorpus("alpine"))) {
            archive = s.filter(p -> p.toString().endsWith(".docker.tar")).sorted().findFirst().orElseThrow();
        }
        ServerFixture.Account carol = fixture().newUser("skarch");
        Path work = Files.createDirectories(workDir().resolve("skopeo-archive"));
        Path auth = Skopeo.authFile(work, fixture().host(), carol.name(), carol.password());
        String dest = fixture().host() + "/" + carol.name() + "/archive:v1";
        String digest = Skopeo.push(work, "docker-archive:" + archive, dest, auth);
        Path out = work.resolve("pulled");
        Skopeo.Result r = Skopeo.pull(work, dest, out, auth);
        assertThat(r.exit()).as(r.output()).isZero();
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
        assertThat(Contract.sha256(manifest)).isEqualTo(digest);
        JsonNode m = JSON.readTree(manifest);
        assertThat(m.path("mediaType").asText()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        for (JsonNode l : m.path("layers")) {
            String d = l.path("digest").asText();
            assertThat(Contract.sha256(Files.readAllBytes(out.resolve(d.substring(7))))).isEqualTo(d);
        }
    }
}
