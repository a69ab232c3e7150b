package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The versions of every package in the corpus images' ground truth parse under the scheme for their type. */
class CorpusVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode expected(String image) throws IOException {
        return JSON.readTree(SharedData.requireCorpus(image + "/expected.json").toFile());
    }

    @Test
    void debianImageVersionsAreValid() throws IOException {
        JsonNode e = expected("debian");
        List<String> bad = new ArrayList<>();
        e.path("dpkg").forEach(p -> check(Schemes.DPKG, p.path("version").asText(), bad));
        e.path("npm").forEach(p -> check(Schemes.SEMVER, p.path("version").asText(), bad));
        e.path("java").forEach(p -> check(Schemes.MAVEN, p.path("version").asText(), bad));
        e.path("go").forEach(bin -> bin.path("deps").forEach(d -> check(Schemes.GO, d.path("version").asText(), bad)));
        assertThat(e.path("dpkg").size()).isGreaterThan(50);
        assertThat(bad).isEmpty();
    }

    @Test
    void rpmArchAndAlpineVersionsAreValid() throws IOException {
        List<String> bad = new ArrayList<>();
        int[] count = {0};
        expected("rpm").forEach(img -> img.path("packages").forEach(p -> {
            count[0]++;
            check(Schemes.RPM, p.path("epoch").asInt() + ":" + p.path("version").asText() + "-" + p.path("release").asText(), bad);
        }));
        expected("arch").forEach(img -> img.path("packages").forEach(p -> check(Schemes.ALPM, p.path("version").asText(), bad)));
        expected("alpine").forEach(img -> img.path("packages").forEach(p -> {
            count[0]++;
            if (!Schemes.APK.isValid(p.path("version").asText())) bad.add("apk " + p.path("version").asText());
        }));
        assertThat(count[0]).isGreaterThan(20);
        assertThat(bad).isEmpty();
    }

    private static void check(VersionScheme scheme, String version, List<String> bad) {
        if (!scheme.isValid(version)) bad.add(scheme.name() + " " + version);
    }
}
