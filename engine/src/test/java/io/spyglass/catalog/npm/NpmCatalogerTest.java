package io.spyglass.catalog.npm;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpmCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/javascript/testdata/";
    private final NpmCataloger cataloger = new NpmCataloger();

    private static Path fixture(String relative) {
        return ExpectedPackages.fixturesRoot().resolve(TESTDATA + relative);
    }

    @Test
    void globPathsSkipTheApplicationsOwnPackageJson() {
        assertThat(CatalogTester.wantedPaths(cataloger, fixture("glob-paths")))
                .containsExactly("src/package-lock.json", "src/pnpm-lock.yaml", "src/yarn.lock");
    }

    @Test
    void wantsInstalledManifestsOnly() {
        assertThat(wants("app/node_modules/lodash/package.json")).isTrue();
        assertThat(wants("node_modules/@types/react/package.json")).isTrue();
        assertThat(wants("app/node_modules/mkdirp/node_modules/minimist/package.json")).isTrue();
        assertThat(wants("app/package.json")).isFalse();
        assertThat(wants("app/node_modules/lodash/fp/package.json")).isFalse();
        assertThat(wants("app/node_modules/@types/package.json")).isFalse();
        assertThat(wants("app/node_modules/x/package-lock.json")).isFalse();
    }

    @Test
    void lockFilesAndManifestsInsideOtherInstalledPackagesAreNotRead() {
        // Debian libruby3.1: ruby's bundled typeprof gem ships its VS Code extension's lock and manifest
        assertThat(wants("usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json")).isFalse();
        assertThat(wants("usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package.json")).isFalse();
        assertThat(wants("usr/share/nodejs/popper.js/package-lock.json")).isFalse();
        assertThat(wants("usr/lib/python3/dist-packages/notebook/static/yarn.lock")).isFalse();
        assertThat(wants("usr/src/billing/package-lock.json")).isTrue();
        assertThat(wants("srv/app/yarn.lock")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"package-lock.json", "package-lock-2.json", "package-lock-3.json"})
    void packageLockMatchesExpected(String file) {
        var section = ExpectedPackages.forFixture(TESTDATA + "pkg-lock/" + file);
        var result = CatalogTester.catalogFile(cataloger,
                ExpectedPackages.fixturesRoot().resolve(section.fixture()), "app/package-lock.json");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.unknowns()).isEmpty();
    }

    @Test
    void devDependenciesOfLockFilesAreLeftOut() {
        // async 3.2.4 is "dev": true in all three lock files
        for (String file : List.of("package-lock.json", "package-lock-2.json", "package-lock-3.json")) {
            var r = CatalogTester.catalogFile(cataloger, fixture("pkg-lock/" + file), "package-lock.json");
            assertThat(r.packages()).extracting(Package::name).doesNotContain("async");
        }
        var pnpm = CatalogTester.catalogFile(cataloger, fixture("pnpm/pnpm-lock.yaml"), "pnpm-lock.yaml");
        assertThat(pnpm.packages()).isEmpty(); // its only package is dev: true
    }

    @Test
    void scopedPackagesHaveEncodedPurls() {
        var r = CatalogTester.catalogFile(cataloger, fixture("pkg-lock/package-lock.json"), "package-lock.json");
        Package core = r.packages().stream().filter(p -> p.name().equals("@actions/core")).findFirst().orElseThrow();
        assertThat(core.purl()).isEqualTo("pkg:npm/%40actions/core@1.6.0");
    }

    @Test
    void installedPackagesWinOverTheLockFileOfTheSameProject() {
        // pkg-lock/ holds a lock file with 11 packages and node_modules with 2 installed ones
        var result = CatalogTester.catalogTree(cataloger, fixture("pkg-lock"));
        assertThat(result.nameVersions()).containsExactlyInAnyOrder("@actions/core\t1.6.0", "cowsay\t1.4.0");
        assertThat(result.packages()).allSatisfy(p -> assertThat(p.locations().get(0).path()).startsWith("node_modules/"));
        Package cowsay = result.packages().stream().filter(p -> p.name().equals("cowsay")).findFirst().orElseThrow();
        assertThat(cowsay.licenses()).containsExactly("MIT");
        assertThat(cowsay.purl()).isEqualTo("pkg:npm/cowsay@1.4.0");
    }

    @Test
    void lockFilesOfDifferentProjectsAreIndependent() {
        List<Package> found = List.of(
                NpmPackages.create("a", "1.0.0", List.of(), "one/node_modules/a/package.json"),
                NpmPackages.create("b", "2.0.0", List.of(), "one/package-lock.json"),
                NpmPackages.create("c", "3.0.0", List.of(), "two/package-lock.json"),
                NpmPackages.create("c", "3.0.0", List.of(), "two/yarn.lock"));
        List<Package> selected = cataloger.select(found);
        assertThat(CatalogTester.nameVersions(selected)).containsExactly("a\t1.0.0", "c\t3.0.0");
        Package c = selected.stream().filter(p -> p.name().equals("c")).findFirst().orElseThrow();
        assertThat(c.locations()).extracting(l -> l.path()).containsExactly("two/package-lock.json", "two/yarn.lock");
    }

    @Test
    void yarnClassicAndBerryDescribeTheSameProject() {
        var classic = CatalogTester.catalogFile(cataloger, fixture("yarn/yarn.lock"), "yarn.lock");
        var berry = CatalogTester.catalogFile(cataloger, fixture("yarn-berry/yarn.lock"), "yarn.lock");
        assertThat(classic.nameVersions()).contains("@babel/code-frame\t7.10.4", "ajv\t6.12.3", "@types/qs\t6.9.4");
        // "@types/qs" appears twice in both files: one package
        assertThat(classic.nameVersions()).doesNotHaveDuplicates();
        // berry's "c0n-fab_u.laTION@workspace:." is the project itself
        assertThat(berry.packages()).extracting(Package::name).doesNotContain("c0n-fab_u.laTION");
        // in the classic file the same name is an ordinary registry package
        assertThat(berry.nameVersions()).containsExactlyElementsOf(classic.nameVersions().stream()
                .filter(nv -> !nv.startsWith("c0n-fab_u.laTION\t")).toList());
    }

    @Test
    void pnpmV5PeerSuffixesAndV9MultiDocument() {
        var v5 = CatalogTester.catalogFile(cataloger, fixture("pnpm-v5-peer-suffix/pnpm-lock.yaml"), "pnpm-lock.yaml");
        assertThat(v5.nameVersions()).containsExactly("acorn\t8.8.0", "acorn-jsx\t5.3.2", "webpack-cli\t4.10.0");
        var v9 = CatalogTester.catalogFile(cataloger, fixture("pnpm-multi-doc/pnpm-lock.yaml"), "pnpm-lock.yaml");
        assertThat(v9.nameVersions()).containsExactly(
                "@pnpm/exe.linux-x64\t12.0.0-rc.3", "minimist\t1.2.0", "pnpm\t12.0.0-rc.3");
    }

    @Test
    void pnpmV6KeysWithPeerParentheses() {
        assertThat(PnpmLockParser.nameVersion("/@babel/core@7.22.5(supports-color@8.1.1)"))
                .containsExactly("@babel/core", "7.22.5");
        assertThat(PnpmLockParser.nameVersion("/@scope/x/1.0.0_y@2.0.0")).containsExactly("@scope/x", "1.0.0");
    }

    @Test
    void licenseObjectsAndArrays() throws IOException {
        ParseResult r = parse("node_modules/npm/package.json", java.nio.file.Files.readString(
                fixture("pkg-json/package-license-objects.json")));
        assertThat(r.packages().get(0).licenses()).containsExactly("MIT", "Apache-2.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"corrupt/package-lock.json", "corrupt/pnpm-lock.yaml"})
    void corruptLockFilesAreUnknownsNamingTheFile(String file) {
        String name = file.substring(file.indexOf('/') + 1);
        var r = CatalogTester.parse(cataloger, fixture(file), "srv/app/" + name);
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("srv/app/" + name));
    }

    @Test
    void corruptInstalledManifestIsAnUnknown() throws IOException {
        ParseResult r = parse("node_modules/x/package.json", java.nio.file.Files.readString(fixture("corrupt/package.json")));
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("node_modules/x/package.json"));
    }

    private boolean wants(String path) {
        return cataloger.wants(new FileEntry(path, 100, 0644));
    }

    private ParseResult parse(String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return cataloger.parse(new FileEntry(path, bytes.length, 0644), new ByteArrayInputStream(bytes));
    }

    @Test
    void absurdlyNestedLockFileIsAnUnknownNotAStackOverflow() throws IOException {
        String deep = "{\"dependencies\":".repeat(5000) + "{}" + "}".repeat(5000);
        ParseResult r = parse("app/package-lock.json", deep);
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("app/package-lock.json"));
    }
}
