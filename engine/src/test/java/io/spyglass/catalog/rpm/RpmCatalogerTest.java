package io.spyglass.catalog.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.ExpectedPackages;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/redhat/testdata/";
    private final RpmCataloger cataloger = new RpmCataloger();

    @Test
    void wantsTheDatabaseFilesInEveryRpmDbFolder() {
        Path root = SharedData.require("data/catalog-fixtures/" + TESTDATA + "glob-paths");
        assertThat(CatalogTester.wantedPaths(cataloger, root)).containsExactly(
                "usr/lib/sysimage/rpm/Packages", "usr/lib/sysimage/rpm/Packages.db", "usr/lib/sysimage/rpm/rpmdb.sqlite",
                "usr/share/rpm/Packages", "usr/share/rpm/Packages.db", "usr/share/rpm/rpmdb.sqlite",
                "var/lib/rpm/Packages", "var/lib/rpm/Packages.db", "var/lib/rpm/rpmdb.sqlite");
        assertThat(cataloger.wants(new FileEntry("var/lib/rpm/Name", 1, 0644))).isFalse();
        assertThat(cataloger.wants(new FileEntry("var/lib/rpm/rpmdb.sqlite-wal", 1, 0644))).isFalse();
    }

    @Test
    void findsTheExpectedPackageOfSyftsBerkeleyDbFixture() throws IOException {
        var section = ExpectedPackages.forFixture(TESTDATA + "Packages");
        ParseResult result = parse(ExpectedPackages.fixturesRoot().resolve(section.fixture()), "var/lib/rpm/Packages");
        assertThat(result.unknowns()).isEmpty();
        assertThat(nameVersions(result.packages())).containsExactlyInAnyOrderElementsOf(section.packages().stream().map(l -> l.replace('\t', ' ')).toList());
        assertThat(result.packages().get(0).purl()).isEqualTo("pkg:rpm/redhat/dive@0.9.2-1?arch=x86_64&upstream=dive-0.9.2-1.src.rpm");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "el9-sqlite, rootfs-el9-sqlite",
        "el7-bdb, rootfs-el7-bdb",
        "mariner2-real, rootfs-mariner2-real",
        "rhel8-bdb-real, rootfs-rhel8-bdb-real"})
    void findsEveryPackageOfTheCorpusRpmImages(String tag, String rootfs) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(SharedData.requireCorpus("rpm/expected.json").toFile())
                .get(tag).get("packages");
        var result = CatalogTester.catalogTree(cataloger, SharedData.requireCorpus("rpm/" + rootfs));
        List<String> want = new ArrayList<>();
        for (JsonNode p : expected) {
            String srpm = p.get("sourcerpm").asText();
            want.add(p.get("name").asText() + " " + p.get("epoch").asInt() + ":" + p.get("version").asText() + "-"
                    + p.get("release").asText() + " " + p.get("arch").asText() + " " + srpm.substring(0, srpm.indexOf('-')));
        }
        assertThat(result.unknowns()).isEmpty();
        assertThat(result.packages()).hasSize(expected.size()).extracting(p -> p.name() + " " + evr(p) + " "
                + p.purl().replaceAll(".*arch=([^&]+).*", "$1") + " " + p.sourceName().split("-")[0])
                .containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void readsEpochSourceAndLicenceFromTheHeader() {
        // pinned safely: build-rpm-fixture.sh rpmbuilds these from its own specs (openssl 1:3.0.7-16.el9), no mirror involved
        Path root = SharedData.requireCorpus("rpm/rootfs-el9-sqlite");
        Package openssl = CatalogTester.catalogTree(cataloger, root).packages().stream()
                .filter(p -> p.name().equals("openssl-libs")).findFirst().orElseThrow();
        assertThat(openssl.version()).isEqualTo("1:3.0.7-16.el9");
        assertThat(openssl.sourceName()).isEqualTo("openssl");
        assertThat(openssl.sourceVersion()).isEqualTo("3.0.7-16.el9");
        assertThat(openssl.licenses()).containsExactly("MIT");
        assertThat(openssl.locations().get(0).path()).isEqualTo("var/lib/rpm/rpmdb.sqlite");
        assertThat(openssl.purl()).isEqualTo(
                "pkg:rpm/redhat/openssl-libs@3.0.7-16.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-16.el9.src.rpm");
    }

    @Test
    void readsTheRealSuseNdbDatabase() throws IOException, URISyntaxException {
        Path db = SharedData.require("corpus/fixtures/rpm/sle15-bci/Packages.db");
        ParseResult result = parse(db, "usr/lib/sysimage/rpm/Packages.db");
        List<String> knownNames = Files.readAllLines(resource("sle15-bci-names.txt")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(result.unknowns()).isEmpty();
        assertThat(result.packages()).hasSize(35).extracting(Package::name)
                .doesNotHaveDuplicates().isSubsetOf(knownNames);
        // a binary rpm carries its source rpm's release: checks RELEASE and SOURCERPM read together
        assertThat(result.packages()).allSatisfy(p -> assertThat(p.version().replaceAll(".*-", ""))
                .isEqualTo(p.sourceVersion().replaceAll(".*-", "")));
        assertThat(nameVersions(result.packages())).contains("glibc 2.31-9.3.2", "rpm-ndb 4.14.3-40.1");
    }

    @Test
    void readsABigEndianBerkeleyDbWithMultiPageOverflowChains() throws IOException, URISyntaxException {
        ParseResult result = parse(resource("bigendian-512/var/lib/rpm/Packages"), "var/lib/rpm/Packages");
        assertThat(result.unknowns()).isEmpty();
        assertThat(nameVersions(result.packages())).containsExactlyInAnyOrder(
                "openssl 1:1.0.2k-19.el7", "bash 4.2.46-34.el7", "openssl-libs 1:1.0.2k-19.el7", "corpus-hello 1.0-1.el7");
    }

    @Test
    void aStaleBerkeleyDbBesideRpmdbSqliteIsIgnored(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("var/lib/rpm"));
        Files.copy(SharedData.requireCorpus("rpm/rootfs-el9-sqlite/var/lib/rpm/rpmdb.sqlite"), dir.resolve("rpmdb.sqlite"));
        Files.copy(SharedData.requireCorpus("rpm/rootfs-el7-bdb/var/lib/rpm/Packages"), dir.resolve("Packages"));
        Path other = Files.createDirectories(tmp.resolve("usr/lib/sysimage/rpm"));
        Files.copy(SharedData.requireCorpus("rpm/rootfs-el7-bdb/var/lib/rpm/Packages"), other.resolve("Packages"));
        var result = CatalogTester.catalogTree(cataloger, tmp);
        assertThat(result.packages()).extracting(p -> p.locations().get(0).path() + " " + p.version()).containsExactlyInAnyOrder(
                "var/lib/rpm/rpmdb.sqlite 1:3.0.7-16.el9", "var/lib/rpm/rpmdb.sqlite 1:3.0.7-16.el9",
                "var/lib/rpm/rpmdb.sqlite 1.0-1.el9", "var/lib/rpm/rpmdb.sqlite 5.1.8-6.el9",
                "usr/lib/sysimage/rpm/Packages 1:1.0.2k-19.el7", "usr/lib/sysimage/rpm/Packages 1:1.0.2k-19.el7",
                "usr/lib/sysimage/rpm/Packages 1.0-1.el7", "usr/lib/sysimage/rpm/Packages 4.2.46-34.el7");
    }

    @Test
    void skipsGpgPubkeys() {
        // RPM-GPG keys imported with `rpm --import` are stored as packages named gpg-pubkey
        Path root = SharedData.requireCorpus("rpm/rootfs-mariner2-real");
        assertThat(CatalogTester.catalogTree(cataloger, root).packages()).extracting(Package::name).doesNotContain("gpg-pubkey");
    }

    private ParseResult parse(Path file, String path) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return cataloger.parse(new FileEntry(path, Files.size(file), 0644), in);
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(RpmCatalogerTest.class.getResource(name).toURI());
    }

    private static String evr(Package p) {
        return p.version().contains(":") ? p.version() : "0:" + p.version();
    }

    private static List<String> nameVersions(List<Package> packages) {
        return packages.stream().map(p -> p.name() + " " + p.version()).toList();
    }
}
