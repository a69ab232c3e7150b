package io.spyglass.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void parsesAndPrintsOsArchVariant() {
        assertThat(Platform.parse("linux/amd64")).isEqualTo(Platform.LINUX_AMD64);
        Platform arm = Platform.parse("Linux/ARM64/v8");
        assertThat(arm.toString()).isEqualTo("linux/arm64/v8");
        assertThat(arm.variant()).isEqualTo("v8");
    }

    @Test
    void aMissingVariantMatchesAny() {
        assertThat(Platform.parse("linux/arm64").matches(Platform.parse("linux/arm64/v8"))).isTrue();
        assertThat(Platform.parse("linux/arm/v7").matches(Platform.parse("linux/arm/v6"))).isFalse();
        assertThat(Platform.LINUX_AMD64.matches(Platform.parse("windows/amd64"))).isFalse();
    }

    @Test
    void rejectsMalformedPlatforms() {
        assertThatThrownBy(() -> Platform.parse("amd64")).hasMessageContaining("malformed platform 'amd64'");
        assertThatThrownBy(() -> Platform.parse("linux/amd64/v1/x")).hasMessageContaining("want os/arch[/variant]");
        assertThatThrownBy(() -> Platform.parse("linux/am d64")).hasMessageContaining("architecture");
    }
}
