package io.spyglass.catalog.npm;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Modules Debian installs under its node roots, on real package.json files from bookworm debs (see the fixture README). */
class DebianNodeRootsTest {
    private final NpmCataloger cataloger = new NpmCataloger();

    private static Path tree() throws URISyntaxException {
        return Path.of(DebianNodeRootsTest.class.getResource("debian-nodejs").toURI());
    }

    @Test
    void wantsOnlyTheManifestOfEachModuleFolder() throws URISyntaxException {
        assertThat(CatalogTester.wantedPaths(cataloger, tree())).containsExactly(
                "usr/lib/x86_64-linux-gnu/nodejs/sqlite3/package.json",
                "usr/share/nodejs/@babel/cli/package.json",
                "usr/share/nodejs/@popperjs/test-utils/package.json",
                "usr/share/nodejs/@types/node/package.json",
                "usr/share/nodejs/lodash/package.json",
                "usr/share/nodejs/on-headers/package.json",
                "usr/share/nodejs/popper.js/node_modules/tooltip.js/package.json",
                "usr/share/nodejs/popper.js/package.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "usr/lib/nodejs/ws/package.json",
            "usr/lib/aarch64-linux-gnu/nodejs/@abandonware/bluetooth-hci-socket/package.json",
            "usr/lib/arm-linux-gnueabihf/nodejs/sqlite3/package.json"})
    void everyDebianRootCounts(String path) {
        assertThat(wants(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "usr/share/nodejs/package.json",                      // the root itself
            "usr/share/nodejs/@types/package.json",               // a scope folder
            "usr/share/nodejs/@babel/cli/lib/package.json",       // a CJS/ESM switch inside a module
            "usr/share/nodejs/acorn/test/fixtures/x/package.json", // a test fixture inside a module
            "usr/share/nodejs/@types/node/ts4.8/package.json",
            "usr/lib/python3/nodejs/x/package.json",              // not a multiarch triplet
            "usr/local/share/nodejs/x/package.json",              // not Debian's root
            "srv/app/usr/share/nodejs/x/package.json"})           // the root must be the image's
    void otherManifestsAreNotModules(String path) {
        assertThat(wants(path)).isFalse();
    }

    @Test
    void reportsEachModuleWithItsNpmPurl() throws URISyntaxException {
        var result = CatalogTester.catalogTree(cataloger, tree());
        assertThat(result.unknowns()).isEmpty();
        assertThat(result.nameVersions()).containsExactly(
                "@babel/cli\t7.20.7",
                "@popperjs/test-utils\t1.0.0",
                "@types/node\t18.18.14",
                "lodash\t4.17.21",
                "on-headers\t1.0.2",
                "popper.js\t1.16.1",
                "sqlite3\t5.1.5",
                "tooltip.js\t1.3.3");
        Package types = named(result.packages(), "@types/node");
        assertThat(types.purl()).isEqualTo("pkg:npm/%40types/node@18.18.14");
        assertThat(types.licenses()).containsExactly("MIT");
        assertThat(types.locations()).extracting(l -> l.path()).containsExactly("usr/share/nodejs/@types/node/package.json");
        assertThat(named(result.packages(), "sqlite3").locations().get(0).path())
                .isEqualTo("usr/lib/x86_64-linux-gnu/nodejs/sqlite3/package.json");
    }

    @Test
    void aLockFileShippedInADebianModuleFolderYieldsToTheInstalledModule() {
        // the module folder is a project with an installed package (its own manifest), so the
        // upstream lock file beside it (the author's dev tree, never installed) does not count
        var found = List.of(
                NpmPackages.create("popper.js", "1.16.1", List.of(), "usr/share/nodejs/popper.js/package.json"),
                NpmPackages.create("tooltip.js", "1.3.3", List.of(), "usr/share/nodejs/popper.js/node_modules/tooltip.js/package.json"),
                NpmPackages.create("rollup", "1.1.2", List.of(), "usr/share/nodejs/popper.js/package-lock.json"));
        assertThat(CatalogTester.nameVersions(cataloger.select(found))).containsExactly("popper.js\t1.16.1", "tooltip.js\t1.3.3");
    }

    @Test
    void aManifestWithoutNameOrVersionIsAnUnknownNamingTheFile() throws IOException, URISyntaxException {
        // the real {"type": "script"} switch of @babel/cli, as if it sat at a module position
        Path noName = tree().resolve("usr/share/nodejs/@babel/cli/lib/package.json");
        ParseResult r = CatalogTester.parse(cataloger, noName, "usr/share/nodejs/cli-switch/package.json");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("usr/share/nodejs/cli-switch/package.json");
            assertThat(u.message()).contains("no name");
        });
        // the same real manifest with its version taken out
        String noVersion = Files.readString(tree().resolve("usr/share/nodejs/on-headers/package.json"))
                .replace("\"version\": \"1.0.2\",", "");
        ParseResult v = parse("usr/share/nodejs/on-headers/package.json", noVersion);
        assertThat(v.packages()).isEmpty();
        assertThat(v.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("'on-headers' has no version"));
    }

    private boolean wants(String path) {
        return cataloger.wants(new FileEntry(path, 100, 0644));
    }

    private ParseResult parse(String path, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return cataloger.parse(new FileEntry(path, bytes.length, 0644), new ByteArrayInputStream(bytes));
    }

    private static Package named(List<Package> packages, String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
