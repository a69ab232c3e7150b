package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spyglass.testing.SharedData;
import io.spyglass.version.VersionConstraint.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every version and constraint in the shared advisory sources that use them is understood by its scheme:
 * FriendsOfPHP constraints (Composer), rubysec requirements (RubyGems), and the event versions of the
 * GHSA, PyPA and Go vulndb OSV records for the ecosystems Spyglass orders.
 */
class SharedAdvisoryVersionsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFriendsOfPhpConstraintParses() throws IOException {
        Path dir = SharedData.require("data/advisories/friendsofphp-security-advisories");
        List<String> bad = new ArrayList<>();
        int[] count = {0};
        eachFile(dir, ".yaml", doc -> doc.path("branches").forEach(branch -> {
            List<String> parts = new ArrayList<>();
            branch.path("versions").forEach(v -> parts.add(v.asText()));
            if (parts.isEmpty()) return;
            String constraint = String.join(",", parts);
            count[0]++;
            try {
                VersionConstraint.parse(constraint, Dialect.COMPOSER);
            } catch (IllegalArgumentException e) {
                bad.add(e.getMessage());
            }
        }), YAML);
        assertThat(count[0]).isGreaterThan(1000);
        assertThat(bad).isEmpty();
    }

    @Test
    void everyRubysecRequirementParses() throws IOException {
        Path dir = SharedData.require("data/advisories/rubysec-ruby-advisory-db/gems");
        List<String> bad = new ArrayList<>();
        int[] count = {0};
        eachFile(dir, ".yml", doc -> Stream.of("patched_versions", "unaffected_versions").forEach(field ->
                doc.path(field).forEach(v -> {
                    count[0]++;
                    try {
                        VersionConstraint.parse(v.asText(), Dialect.RUBYGEMS);
                    } catch (IllegalArgumentException e) {
                        bad.add(e.getMessage());
                    }
                })), YAML);
        assertThat(count[0]).isGreaterThan(1000);
        assertThat(bad).isEmpty();
    }

    @Test
    void everyOsvEventVersionIsValidForItsEcosystem() throws IOException {
        List<String> bad = new ArrayList<>();
        int[] count = {0};
        Consumer<JsonNode> check = doc -> doc.path("affected").forEach(affected -> {
            String ecosystem = affected.path("package").path("ecosystem").asText();
            VersionScheme scheme;
            try {
                scheme = Schemes.forEcosystem(ecosystem);
            } catch (IllegalArgumentException e) {
                return; // an ecosystem Spyglass does not order (crates.io, Hex, ...)
            }
            affected.path("ranges").forEach(range -> {
                if (range.path("type").asText().equals("GIT")) return;
                range.path("events").forEach(event -> event.fields().forEachRemaining(e -> {
                    String v = e.getValue().asText();
                    if (e.getKey().equals("introduced") && v.equals("0") || e.getKey().equals("limit") && v.equals("*")) return;
                    count[0]++;
                    if (!scheme.isValid(v)) bad.add(doc.path("id").asText() + " " + ecosystem + " " + e.getKey() + " " + v);
                }));
            });
        });
        eachFile(SharedData.require("data/advisories/ghsa"), ".json", check, JSON);
        eachFile(SharedData.require("data/advisories/golang-vulndb"), ".json", check, JSON);
        eachFile(SharedData.require("data/advisories/pypa-advisory-database/vulns"), ".yaml", check, YAML);
        assertThat(count[0]).isGreaterThan(5000);
        // PYSEC-2021-371 (fixed 0.2.0-n653) and PYSEC-2019-125 (fixed 2019-09-12) are not PEP 440: ordered as
        // pip's LegacyVersion did, like every other legacy PyPI version
        assertThat(bad).isEmpty();
    }

    private static void eachFile(Path dir, String suffix, Consumer<JsonNode> each, ObjectMapper mapper) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
                JsonNode doc;
                try {
                    doc = mapper.readTree(f.toFile());
                } catch (IOException e) {
                    continue; // not an advisory (a malformed-feed fixture); importers test those
                }
                if (doc != null) each.accept(doc);
            }
        }
    }
}
