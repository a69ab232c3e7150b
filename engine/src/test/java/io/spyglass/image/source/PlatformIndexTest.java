package io.spyglass.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.image.Image;
import io.spyglass.image.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index with several platforms: the requested one is analysed, the others are named. */
class PlatformIndexTest {
    @TempDir
    Path tmp;

    @Test
    void choosesTheRequestedPlatformAndNamesTheOthers() throws IOException {
        Path layout = TestImages.multiPlatform(tmp, List.of("linux/amd64", "linux/arm64/v8", "linux/arm/v7"));
        try (ImageSource source = OciLayoutSource.open(layout, null)) {
            Image amd64 = source.resolve(Platform.LINUX_AMD64);
            assertThat(amd64.platform()).isEqualTo(Platform.LINUX_AMD64);
            assertThat(amd64.otherPlatforms()).containsExactly(Platform.parse("linux/arm64/v8"), Platform.parse("linux/arm/v7"));
            Image arm64 = source.resolve(Platform.parse("linux/arm64"));
            assertThat(arm64.platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
            assertThat(arm64.digest()).isNotEqualTo(amd64.digest());
            assertThat(arm64.layers()).extracting(l -> l.createdBy()).containsExactly("layer 1");
            assertThatThrownBy(() -> source.resolve(Platform.parse("windows/amd64")))
                    .isInstanceOf(ImageSourceException.class)
                    .hasMessageContaining("no image for platform windows/amd64")
                    .hasMessageContaining("available: linux/amd64, linux/arm64/v8, linux/arm/v7");
        }
    }
}
