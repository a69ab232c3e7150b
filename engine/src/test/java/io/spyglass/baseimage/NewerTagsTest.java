package io.spyglass.baseimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upgrades of a base tag, read off real Docker Hub tag lists (src/test/resources/baseimage/). */
class NewerTagsTest {
    static List<String> tags(String repository) throws IOException {
        try (InputStream in = NewerTagsTest.class.getResourceAsStream("/baseimage/" + repository + ".txt")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void debianDateStampedTagsMoveWithinTheirSuiteAndVariant() throws IOException {
        List<String> debian = tags("debian");
        assertThat(NewerTags.of("bookworm-20240701", debian))
                .containsExactly("bookworm-20241111", "bookworm-20241016", "bookworm-20240904", "bookworm-20240812", "bookworm-20240722");
        assertThat(NewerTags.of("bookworm-20240904-slim", debian))
                .containsExactly("bookworm-20241111-slim", "bookworm-20241016-slim");
        // the newest is nothing to recommend; another suite (trixie, bullseye) never is
        assertThat(NewerTags.of("bookworm-20241111", debian)).isEmpty();
        assertThat(NewerTags.of("bullseye-20241111-slim", debian)).isEmpty();
    }

    @Test
    void debianPointReleasesKeepTheMajor() throws IOException {
        List<String> debian = tags("debian");
        assertThat(NewerTags.of("12.6", debian)).containsExactly("12.8", "12.7");
        assertThat(NewerTags.of("12.6-slim", debian)).containsExactly("12.8-slim", "12.7-slim");
        // 11.x never becomes 12.x, and a one-number tag is a moving tag: refreshing it is the fix
        assertThat(NewerTags.of("11.11", debian)).isEmpty();
        assertThat(NewerTags.of("11", debian)).isEmpty();
        assertThat(NewerTags.of("bookworm-slim", debian)).isEmpty();
        assertThat(NewerTags.of("stable", debian)).isEmpty();
    }

    @Test
    void alpineMinorAndPatchReleasesNeverAPreRelease() throws IOException {
        List<String> alpine = tags("alpine");
        assertThat(NewerTags.of("3.19", alpine)).containsExactly("3.20");
        assertThat(NewerTags.of("3.18", alpine)).containsExactly("3.20", "3.19");
        // a patch tag is offered patch tags (3.19.1 is not 3.19); 3.21.0_alpha… is a flavour of its own
        assertThat(NewerTags.of("3.19.1", alpine)).containsExactly("3.20.3", "3.20.2", "3.20.1", "3.20.0", "3.19.4", "3.19.3", "3.19.2");
        assertThat(NewerTags.of("3.20.0", alpine)).containsExactly("3.20.3", "3.20.2", "3.20.1");
        assertThat(NewerTags.of("20240606", alpine)).containsExactly("20240923", "20240807");
        assertThat(NewerTags.of("3.20.3", alpine)).isEmpty();
    }

    @Test
    void nodeKeepsItsMajorItsVariantAndNeverTakesAnOlderAlpine() throws IOException {
        List<String> node = tags("node");
        assertThat(NewerTags.of("20.11.1-bookworm-slim", node)).containsExactly("20.18.0-bookworm-slim", "20.17.0-bookworm-slim");
        assertThat(NewerTags.of("20.11.1-alpine3.19", node)).containsExactly("20.18.0-alpine3.20", "20.17.0-alpine3.20", "20.17.0-alpine3.19");
        assertThat(NewerTags.of("20-alpine3.19", node)).containsExactly("20-alpine3.20");
        assertThat(NewerTags.of("20.17.0-alpine3.20", node)).containsExactly("20.18.0-alpine3.20");
        assertThat(NewerTags.of("20-bookworm-slim", node)).isEmpty();
        assertThat(NewerTags.of("lts-slim", node)).isEmpty();
    }

    @Test
    void pythonNewerReleasesOfTheVariantButNoReleaseCandidates() throws IOException {
        List<String> python = tags("python");
        assertThat(NewerTags.of("3.12.1-slim-bookworm", python))
                .containsExactly("3.13.0-slim-bookworm", "3.12.7-slim-bookworm", "3.12.6-slim-bookworm");
        assertThat(NewerTags.of("3.11-slim-bookworm", python)).containsExactly("3.13-slim-bookworm", "3.12-slim-bookworm");
        assertThat(NewerTags.of("3.12-alpine3.19", python)).containsExactly("3.12-alpine3.20");
        assertThat(NewerTags.of("3.13.0-slim-bookworm", python)).isEmpty();
    }

    @Test
    void temurinBuildNumbersOrderAndJreIsNotJdk() throws IOException {
        List<String> temurin = tags("eclipse-temurin");
        assertThat(NewerTags.of("17.0.12_7-jre-jammy", temurin)).containsExactly("17.0.13_11-jre-jammy");
        assertThat(NewerTags.of("21.0.4_7-jdk-noble", temurin)).containsExactly("21.0.5_11-jdk-noble");
        assertThat(NewerTags.of("21.0.4_7-jre-alpine", temurin)).containsExactly("21.0.5_11-jre-alpine");
        assertThat(NewerTags.of("21-jre-alpine", temurin)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "jammy-20240911.1, jammy-20241011, true",
            "jammy-20240911, jammy-20240911.1, true",
            "jammy-20240911.1, noble-20241011, false",
            "3.19, 3.19.1, false",
            "22.04, 24.04, false",
            "22.04, 22.10, true",
            "bookworm-20240701-slim, bookworm-20241111, false",
            "v1.2.3, v1.2.4, true",
            "1.2.3, 1.2.10, true",
            "1.2.10, 1.2.9, false",
            "latest, latest, false",
    })
    void upgrade(String current, String candidate, boolean upgrade) {
        assertThat(TagVersion.parse(candidate).isUpgradeOf(TagVersion.parse(current))).isEqualTo(upgrade);
    }

    @Test
    void flavourNamesTheWordsAndTheShapeOfTheVersions() {
        assertThat(TagVersion.parse("bookworm-20241111-slim").flavour()).isEqualTo("bookworm-#-slim|date");
        assertThat(TagVersion.parse("20.11.1-alpine3.19").flavour()).isEqualTo("#-alpine#|n3|n2");
        assertThat(TagVersion.parse("21.0.5_11-jdk-noble").flavour()).isEqualTo("#-jdk-noble|n3_");
        assertThat(TagVersion.parse("lts-slim").hasVersion()).isFalse();
    }
}
