package io.spyglass.catalog.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import io.spyglass.catalog.FileEntry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RubyCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/ruby/testdata/";
    private final RubyCataloger cataloger = new RubyCataloger();

    @Test
    void globPaths() {
        assertThat(CatalogTester.wantedPaths(cataloger, ExpectedPackages.fixturesRoot().resolve(TESTDATA + "glob-paths")))
                .containsExactly("specifications/pkg/nested.gemspec", "specifications/root.gemspec", "src/Gemfile.lock");
    }

    @Test
    void gemfileLockMatchesExpected() {
        var section = ExpectedPackages.forFixture(TESTDATA + "Gemfile.lock");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()), "app/Gemfile.lock");
        // GEM, GIT (turbolinks) and PATH (google-cloud-errors) specs; BAD-SECTION's entry is not a gem
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.packages()).extracting(Package::purl).contains("pkg:gem/rails@4.1.1");
    }

    @Test
    void gemspecMatchesExpected() {
        var section = ExpectedPackages.forFixture(TESTDATA + "bundler.gemspec");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()),
                "usr/lib/ruby/gems/3.1.0/specifications/bundler-2.1.4.gemspec");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.packages().get(0).licenses()).containsExactly("MIT");
        assertThat(result.packages().get(0).purl()).isEqualTo("pkg:gem/bundler@2.1.4");
    }

    @Test
    void imagePkgCoverageIncludesDefaultGems() {
        Path root = ExpectedPackages.fixturesRoot()
                .resolve("cmd/syft/internal/test/integration/testdata/image-pkg-coverage/pkgs/ruby/specifications");
        var result = CatalogTester.catalogTree(cataloger, root.getParent());
        assertThat(result.nameVersions()).contains("bundler\t2.1.4", "unbundler\t3.1.4");
    }

    @Test
    void bogusGemspecIsAnUnknown() {
        ParseResult r = CatalogTester.parse(cataloger,
                ExpectedPackages.fixturesRoot().resolve(TESTDATA + "glob-paths/specifications/root.gemspec"),
                "gems/specifications/root.gemspec");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("gems/specifications/root.gemspec"));
    }

    @Test
    void platformSuffixIsNotPartOfTheVersion(@TempDir Path tmp) throws IOException {
        Path lock = tmp.resolve("Gemfile.lock");
        Files.writeString(lock, "GEM\n  remote: https://rubygems.org/\n  specs:\n"
                + "    nokogiri (1.16.2-x86_64-linux)\n      racc (~> 1.4)\n    nokogiri (1.16.2-aarch64-linux)\n"
                + "    racc (1.7.3)\n\nPLATFORMS\n  x86_64-linux\n\nBUNDLED WITH\n   2.5.6\n");
        var result = CatalogTester.catalogFile(cataloger, lock, "Gemfile.lock");
        assertThat(result.nameVersions()).containsExactly("nokogiri\t1.16.2", "racc\t1.7.3");
    }

    @Test
    void debianGemspecIsAPackage() throws URISyntaxException {
        var result = CatalogTester.catalogFile(cataloger, debianGemspec(),
                "usr/share/rubygems-integration/all/specifications/actionpack-6.1.7.10.gemspec");
        assertThat(result.packages()).extracting(Package::purl).containsExactly("pkg:gem/actionpack@6.1.7.10");
        assertThat(result.packages().get(0).licenses()).containsExactly("MIT");
    }

    @Test
    void cutShortGemspecIsAnUnknownAndOtherGemsAreKept(@TempDir Path tmp) throws IOException, URISyntaxException {
        // a layer cut short mid-file: name and version are there, the closing `end` is not; RubyGems
        // cannot load such a file, so the gem is not installed as far as ruby is concerned
        byte[] whole = Files.readAllBytes(debianGemspec());
        Path specs = Files.createDirectories(tmp.resolve("usr/share/rubygems-integration/all/specifications"));
        Files.write(specs.resolve("actionpack-6.1.7.10.gemspec"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(specs.resolve("other-6.1.7.10.gemspec"), new String(whole, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"actionpack\"", "\"other\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var result = CatalogTester.catalogTree(cataloger, tmp);
        assertThat(result.nameVersions()).containsExactly("other\t6.1.7.10");
        assertThat(result.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("usr/share/rubygems-integration/all/specifications/actionpack-6.1.7.10.gemspec");
            assertThat(u.message()).contains("cut short");
        });
    }

    @Test
    void olderPercentQLiteralsAreRead(@TempDir Path tmp) throws IOException {
        // RubyGems 1.x to_ruby wrote %q{} literals
        Path spec = tmp.resolve("rake-0.8.7.gemspec");
        Files.writeString(spec, "Gem::Specification.new do |s|\n  s.name = %q{rake}\n  s.version = \"0.8.7\"\n"
                + "  s.licenses = [%q<MIT>]\nend\n");
        var result = CatalogTester.catalogFile(cataloger, spec, "var/lib/gems/1.8/specifications/rake-0.8.7.gemspec");
        assertThat(result.nameVersions()).containsExactly("rake\t0.8.7");
        assertThat(result.packages().get(0).licenses()).containsExactly("MIT");
    }

    @Test
    void aGemsOwnDevelopmentLockIsNotRead() {
        // ruby 3.1's bundled rbs gem ships steep/Gemfile.lock (Debian libruby3.1); only an application's counts
        assertThat(cataloger.wants(new FileEntry("usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock", 1134, 0644))).isFalse();
        assertThat(cataloger.wants(new FileEntry("usr/local/bundle/gems/rbs-2.1.0/steep/Gemfile.lock", 1134, 0644))).isFalse();
        assertThat(cataloger.wants(new FileEntry("srv/app/Gemfile.lock", 1134, 0644))).isTrue();
    }

    private static Path debianGemspec() throws URISyntaxException {
        return Path.of(RubyCatalogerTest.class.getResource("actionpack-6.1.7.10.gemspec").toURI());
    }
}
