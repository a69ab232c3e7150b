package io.spyglass.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.image.Digest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "c".repeat(64);

    @Test
    void schemesChooseTheSource() {
        assertThat(ImageReference.parse("oci-dir:///var/tmp/x/oci:bookworm")).isEqualTo(new ImageReference.OciDir(Path.of("/var/tmp/x/oci"), "bookworm"));
        assertThat(ImageReference.parse("oci-dir://rel/oci")).isEqualTo(new ImageReference.OciDir(Path.of("rel/oci"), null));
        assertThat(ImageReference.parse("archive:///tmp/a.tar")).isEqualTo(new ImageReference.Archive(Path.of("/tmp/a.tar")));
        assertThat(ImageReference.parse("registry://127.0.0.1:5000/corpus/debian-app:bookworm"))
                .isEqualTo(new ImageReference.Registry("127.0.0.1:5000", "corpus/debian-app", "bookworm", null));
        assertThat(ImageReference.parse("registry://reg.example/library/alpine"))
                .isEqualTo(new ImageReference.Registry("reg.example", "library/alpine", "latest", null));
        ImageReference.Registry byDigest = (ImageReference.Registry) ImageReference.parse("registry://reg.example:443/a/b@" + DIGEST);
        assertThat(byDigest.digest()).isEqualTo(Digest.parse(DIGEST));
        assertThat(byDigest.reference()).isEqualTo(DIGEST);
    }

    @Test
    void localDaemonsFoldersAndBareNames() {
        assertThat(ImageReference.parse("docker:corpus/alpine:3.20.3", Map.of()))
                .isEqualTo(new ImageReference.Daemon("docker", "corpus/alpine:3.20.3", Map.of()));
        assertThat(ImageReference.parse("podman:alpine", Map.of())).isEqualTo(new ImageReference.Daemon("podman", "alpine", Map.of()));
        // tags may have capitals, repositories not; an image id names an image too
        assertThat(ImageReference.parse("docker:myapp:Dev-1", Map.of())).isEqualTo(new ImageReference.Daemon("docker", "myapp:Dev-1", Map.of()));
        assertThat(ImageReference.parse("docker:775c03c20dd6", Map.of())).isEqualTo(new ImageReference.Daemon("docker", "775c03c20dd6", Map.of()));
        assertThatThrownBy(() -> ImageReference.parse("docker:MyApp", Map.of())).hasMessageContaining("is not an image name");
        assertThat(ImageReference.parse("fs:/srv/app", Map.of())).isEqualTo(new ImageReference.Directory(Path.of("/srv/app")));
        // bare names: as docker pulls them when the local daemon does not have them
        assertThat(bare("alpine")).isEqualTo(new ImageReference.Registry("registry-1.docker.io", "library/alpine", "latest", null));
        assertThat(bare("debian:bookworm")).isEqualTo(new ImageReference.Registry("registry-1.docker.io", "library/debian", "bookworm", null));
        assertThat(bare("grafana/grafana:11")).isEqualTo(new ImageReference.Registry("registry-1.docker.io", "grafana/grafana", "11", null));
        assertThat(bare("ghcr.io/o/r:1")).isEqualTo(new ImageReference.Registry("ghcr.io", "o/r", "1", null));
        assertThat(bare("localhost:5000/a/b")).isEqualTo(new ImageReference.Registry("localhost:5000", "a/b", "latest", null));
    }

    private static ImageReference.Registry bare(String name) {
        return ((ImageReference.LocalOrRegistry) ImageReference.parse(name, Map.of())).registry();
    }

    @Test
    void badReferencesSayWhatIsAccepted() {
        assertThatThrownBy(() -> ImageReference.parse("Not An Image")).hasMessageContaining("oci-dir://PATH[:TAG]");
        assertThatThrownBy(() -> ImageReference.parse("docker:Upper Case")).hasMessageContaining("is not an image name");
        assertThatThrownBy(() -> ImageReference.parse("fs:")).hasMessageContaining("fs:DIR");
        assertThatThrownBy(() -> ImageReference.parse("registry://hostonly")).hasMessageContaining("has no repository");
        assertThatThrownBy(() -> ImageReference.parse("registry://h/Upper/Case")).hasMessageContaining("malformed repository name");
        assertThatThrownBy(() -> ImageReference.parse("registry://h/a@sha256:12")).hasMessageContaining("malformed sha256 digest");
    }

    @Test
    void plainHttpOnlyForLoopbackAddresses() {
        assertThat(RegistrySource.isLoopback("127.0.0.1:5000")).isTrue();
        assertThat(RegistrySource.isLoopback("localhost")).isTrue();
        assertThat(RegistrySource.isLoopback("[::1]:5000")).isTrue();
        assertThat(RegistrySource.isLoopback("10.0.0.1:5000")).isFalse();
        assertThat(RegistrySource.isLoopback("localhost.evil.example")).isFalse();
    }

    @Test
    void challengeParsing() {
        WwwAuthenticate c = WwwAuthenticate.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull\"");
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).isEqualTo("https://auth.example/token");
        assertThat(c.param("scope")).isEqualTo("repository:a/b:pull");
        assertThat(WwwAuthenticate.parse("Basic realm=\"corpus-registry\"").isBasic()).isTrue();
    }
}
