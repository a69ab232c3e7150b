package io.spyglass.catalog.java;

import static io.spyglass.catalog.java.JavaCatalogerTest.bytesEntry;
import static io.spyglass.catalog.java.JavaCatalogerTest.entry;
import static io.spyglass.catalog.java.JavaCatalogerTest.jar;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jars without pom.properties, each made of a real MANIFEST.MF (see {@code manifests/README.md})
 * under its real file name, read by the cataloger as in an image.
 */
class JarIdentityTest {
    private final JavaCataloger cataloger = new JavaCataloger();

    @Test
    void gradleBuiltKotlinStdlibTakesTheFileNamesVersionAndLeavesTheGroupUnknown() throws IOException {
        Package p = single("opt/app/lib/kotlin-stdlib-2.0.21.jar", "kotlin-stdlib-2.0.21.MF");
        assertThat(p.name()).isEqualTo("kotlin-stdlib");
        // the manifest says 2.0.21-release-482: a build label, not the version Maven Central publishes
        assertThat(p.version()).isEqualTo("2.0.21");
        assertThat(p.purl()).isNull();
        assertThat(p.uncertainty()).startsWith("groupId unknown");
    }

    @Test
    void jnaIsNotGivenTheGroupOfItsJavaPackage() throws IOException {
        Package p = single("srv/x/WEB-INF/lib/jna-5.13.0.jar", "jna-5.13.0.MF");
        assertThat(p.name()).isEqualTo("jna");
        assertThat(p.version()).isEqualTo("5.13.0"); // not "5.13.0 (b0)"
        // Bundle-SymbolicName com.sun.jna would make "com.sun"; Maven Central has net.java.dev.jna
        assertThat(p.purl()).isNull();
        assertThat(p.isUncertain()).isTrue();
    }

    @Test
    void groupIsTakenWhenVendorIdAndBundleNameAgreeAndVersionStartsWhereTheManifestConfirmsIt() throws IOException {
        // Implementation-Vendor-Id org.apache.logging.log4j; Bundle-SymbolicName org.apache.logging.log4j.1.2-api is
        // what the bundle plugin makes of that group and log4j-1.2-api. The name's first "-digit" is not the version.
        Package p = single("opt/lib/log4j-1.2-api-2.17.2.jar", "log4j-1.2-api-2.17.2.MF");
        assertThat(p.purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-1.2-api@2.17.2");
        assertThat(p.uncertainty()).isNull();
    }

    @Test
    void vendorIdIsNoGroupWhenTheBundleNameAllowsALongerOne() throws IOException {
        // Implementation-Vendor-Id org.apache, Bundle-SymbolicName org.apache.velocity: Central has org.apache.velocity:velocity
        Package velocity = single("opt/lib/velocity-1.7.jar", "velocity-1.7.MF");
        assertThat(velocity.name()).isEqualTo("velocity");
        assertThat(velocity.version()).isEqualTo("1.7");
        assertThat(velocity.purl()).isNull();
        // the same shape (com.typesafe + com.typesafe.config) is right for config, but nothing in the jar tells the two apart
        Package config = single("opt/lib/config-1.4.1.jar", "config-1.4.1.MF");
        assertThat(config.version()).isEqualTo("1.4.1");
        assertThat(config.purl()).isNull();
    }

    @Test
    void aModuleNameConfirmsNoGroup() throws IOException {
        // org.joda + org.joda.time fit the bundle plugin's rule for joda-time, but a module name is a Java package
        Package p = single("opt/lib/joda-time-2.12.2.jar", "joda-time-2.12.2.MF");
        assertThat(p.version()).isEqualTo("2.12.2");
        assertThat(p.purl()).isNull();
    }

    @Test
    void debianApiLineBeforeTheVersionIsToldApartByTheSymbolicName() throws IOException {
        // log4j-1.2-1.2.17.jar: symbolic name org.apache.log4j names "log4j"; the corpus truth for it is *:log4j
        Package p = single("usr/share/java/log4j-1.2-1.2.17.jar", "debian-log4j-1.2-1.2.17.MF");
        assertThat(p.name()).isEqualTo("log4j");
        assertThat(p.version()).isEqualTo("1.2.17");
        assertThat(p.uncertainty()).contains("the file name has 1.2-1.2.17");
    }

    @Test
    void debianVersionLineInTheFileNameDefersToTheManifest() throws IOException {
        Package p = single("usr/share/java/spring3-core-3.x.jar", "debian-spring3-core-3.x.MF");
        // the corpus truth for such a jar is any version of *:spring3-core: the artifact must be right
        assertThat(p.name()).isEqualTo("spring3-core");
        assertThat(p.version()).isEqualTo("4.3.30.RELEASE");
        assertThat(p.uncertainty()).contains("version line 3.x");
    }

    @Test
    void aClassifierAfterTheVersionIsToldApartByTheManifest() throws IOException {
        // artifactId-version-classifier.jar as Maven copies it; Bundle-Version 5.13.0 says where the version ends
        Package p = single("opt/lib/jna-5.13.0-natives-linux.jar", "jna-5.13.0.MF");
        assertThat(p.name()).isEqualTo("jna");
        assertThat(p.version()).isEqualTo("5.13.0");
        assertThat(p.uncertainty()).contains("'natives-linux' of the file name taken as a classifier");
    }

    @Test
    void debianSnapshotManifestDoesNotOverrideTheFileName() throws IOException {
        Package p = single("usr/share/java/asm-9.4.jar", "debian-asm-9.4.MF");
        assertThat(p.name()).isEqualTo("asm");
        assertThat(p.version()).isEqualTo("9.4");
    }

    @Test
    void signedBouncyCastleGetsTheVendorIdAsAStatedGuess() throws IOException {
        // Implementation-Vendor-Id org.bouncycastle; Automatic-Module-Name org.bouncycastle.provider only starts with it
        Package p = single("opt/lib/bcprov-jdk18on-1.72.jar", "bcprov-jdk18on-1.72.MF");
        assertThat(p.purl()).isEqualTo("pkg:maven/org.bouncycastle/bcprov-jdk18on@1.72");
        assertThat(p.uncertainty()).isEqualTo("groupId from Implementation-Vendor-Id alone (no Maven metadata in the jar)");
    }

    @Test
    void apacheVendorIdIsNoGuessWhenTheNameGoesOnWithTheArtifactsFirstWord() {
        // Debian's commons-collections3-3.2.2.jar: org.apache + org.apache.commons.collections; Central has commons-collections
        JarManifest mf = new JarManifest("org.apache.commons.collections", null, "org.apache", "Commons Collections", "3.2.2", "3.2.2", null);
        assertThat(ManifestGroup.of(mf, "commons-collections3")).isNull();
        JarManifest bc = new JarManifest("bcprov", "org.bouncycastle.provider", "org.bouncycastle", null, "1.72.0", "1.72", null);
        assertThat(ManifestGroup.of(bc, "bcprov-jdk18on")).isEqualTo(new ManifestGroup("org.bouncycastle", false));
    }

    @Test
    void unversionedFileNameTakesTheManifestVersionAndSaysSo() throws IOException {
        Package p = single("usr/share/java/bcprov.jar", "bcprov-jdk18on-1.72.MF");
        assertThat(p.name()).isEqualTo("bcprov");
        assertThat(p.version()).isEqualTo("1.72.0");
        assertThat(p.uncertainty()).contains("version from MANIFEST.MF only");
    }

    @Test
    void signedJarManifestPastTheMetadataLimitStillGivesItsMainSection() throws IOException {
        byte[] manifest = fixture("bcprov-jdk18on-1.72.MF");
        // the main section (29 KB) fits, the per-entry digests after it do not (a real one is 730 KB)
        var limits = new ArchiveLimits(8, ArchiveLimits.DEFAULT.maxTotalBytes(), 500_000, 30_000, 16 << 20);
        byte[] bytes = jar(z -> bytesEntry(z, "META-INF/MANIFEST.MF", manifest));
        ParseResult r = new JavaCataloger(limits).parse(new FileEntry("opt/bcprov.jar", bytes.length, 0644),
                new ByteArrayInputStream(bytes));
        assertThat(r.unknowns()).isEmpty();
        assertThat(r.packages()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.72.0"));
    }

    @Test
    void streamedJarsAreIdentifiedAlike() throws IOException {
        // too large to hold: read entry by entry, pom.xml and manifest included
        var streamed = new JavaCataloger(new ArchiveLimits(8, ArchiveLimits.DEFAULT.maxTotalBytes(), 500_000, 1 << 20, 0));
        byte[] manifest = fixture("jna-5.13.0.MF");
        for (boolean withPomXml : new boolean[] {false, true}) {
            byte[] bytes = jar(z -> {
                bytesEntry(z, "META-INF/MANIFEST.MF", manifest);
                if (withPomXml) entry(z, "META-INF/maven/net.java.dev.jna/jna/pom.xml", "<project/>");
            });
            FileEntry file = new FileEntry("lib/jna-5.13.0.jar", bytes.length, 0644);
            assertThat(streamed.parse(file, new ByteArrayInputStream(bytes)))
                    .isEqualTo(cataloger.parse(file, new ByteArrayInputStream(bytes)));
        }
    }

    @Test
    void sourcesAndJavadocJarsAreNoPackages() throws IOException {
        assertThat(parse("opt/lib/kotlin-stdlib-2.0.21-sources.jar", "kotlin-stdlib-2.0.21.MF").packages()).isEmpty();
        assertThat(parse("opt/lib/jna-5.13.0-javadoc.jar", "jna-5.13.0.MF").packages()).isEmpty();
    }

    @Test
    void pomXmlPathGivesTheGroup() throws IOException {
        byte[] manifest = fixture("jna-5.13.0.MF");
        byte[] bytes = jar(z -> {
            bytesEntry(z, "META-INF/MANIFEST.MF", manifest);
            entry(z, "META-INF/maven/net.java.dev.jna/jna/pom.xml", "<project/>");
        });
        Package p = single(parse("lib/jna-5.13.0.jar", bytes));
        assertThat(p.purl()).isEqualTo("pkg:maven/net.java.dev.jna/jna@5.13.0");
        assertThat(p.uncertainty()).isNull();
    }

    @Test
    void aMavenRepositoryLayoutGivesTheGroup() throws IOException {
        // Debian's maven-repo-helper lays jars out by their pom (here a copy, not a symlink to /usr/share/java)
        Package p = single("usr/share/maven-repo/net/java/dev/jna/jna/5.13.0/jna-5.13.0.jar", "jna-5.13.0.MF");
        assertThat(p.purl()).isEqualTo("pkg:maven/net.java.dev.jna/jna@5.13.0");
        assertThat(p.uncertainty()).isNull();
        assertThat(single("root/.m2/repository/org/jetbrains/kotlin/kotlin-stdlib/2.0.21/kotlin-stdlib-2.0.21.jar",
                "kotlin-stdlib-2.0.21.MF").purl()).isEqualTo("pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@2.0.21");
        // not a layout: the folders do not repeat artifact and version
        assertThat(single("opt/repository/lib/jna-5.13.0.jar", "jna-5.13.0.MF").purl()).isNull();
    }

    @Test
    void pomPropertiesAndManifestMakeOnePackage() throws IOException {
        byte[] manifest = fixture("config-1.4.1.MF");
        byte[] bytes = jar(z -> {
            bytesEntry(z, "META-INF/MANIFEST.MF", manifest);
            entry(z, "META-INF/maven/com.typesafe/config/pom.properties", "groupId=com.typesafe\nartifactId=config\nversion=1.4.1\n");
        });
        assertThat(parse("lib/config-1.4.1.jar", bytes).packages()).extracting(Package::purl)
                .containsExactly("pkg:maven/com.typesafe/config@1.4.1");
    }

    @Test
    void jarWithoutPomPropertiesNestedInASpringBootJarIsAPackage() throws IOException {
        byte[] kotlin = jar(z -> bytesEntry(z, "META-INF/MANIFEST.MF", fixture("kotlin-stdlib-2.0.21.MF")));
        byte[] app = jar(z -> {
            entry(z, "META-INF/maven/com.example/app/pom.properties", "groupId=com.example\nartifactId=app\nversion=1.0\n");
            bytesEntry(z, "BOOT-INF/lib/kotlin-stdlib-2.0.21.jar", kotlin);
        });
        ParseResult r = parse("opt/app.jar", app);
        assertThat(r.packages()).extracting(Package::name, Package::version, p -> p.locations().get(0).path())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("app", "1.0", "opt/app.jar"),
                        org.assertj.core.groups.Tuple.tuple("kotlin-stdlib", "2.0.21", "opt/app.jar:BOOT-INF/lib/kotlin-stdlib-2.0.21.jar"));
    }

    @Test
    void aLockfileEntryIsDroppedForAnArchiveOfUnknownGroupWithTheSameArtifact() throws IOException {
        Package jar = single("app/lib/kotlin-stdlib-2.0.21.jar", "kotlin-stdlib-2.0.21.MF");
        Package locked = MavenPackages.create("org.jetbrains.kotlin", "kotlin-stdlib", "2.0.21", "src/gradle.lockfile");
        assertThat(cataloger.select(java.util.List.of(jar, locked))).containsExactly(jar);
    }

    @ParameterizedTest(name = "{0} stated as \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            5.13.0 | 5.13.0 (b0)              | true
            2.0.21 | 2.0.21-release-482       | true
            1.0.48 | 1.0.48.RELEASE           | true
            3.3    | 3.3.0                    | true
            1.72   | 1.72.0                   | true
            9.4    | 9.4-SNAPSHOT             | true
            1.2    | 1.2.17                   | false
            1.7    | 1.72                     | false
            2.0    | 3.0                      | false
            31.1-jre | 31.1-jre               | true
            """)
    void manifestVersionAgreement(String fileVersion, String stated, boolean agrees) {
        assertThat(JarIdentity.agrees(fileVersion, stated)).isEqualTo(agrees);
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource(delimiter = '|', textBlock = """
            io.projectreactor.reactor-core | reactor-core   | io.projectreactor
            org.objenesis                  | objenesis      | org.objenesis
            org.apache.logging.log4j.core  | log4j-core     | org.apache.logging.log4j
            com.typesafe.config            | config         | com.typesafe
            """)
    void bundlePluginNamesLeadBackToTheirGroup(String name, String artifact, String group) {
        assertThat(ManifestGroup.groupsOf(name, artifact)).contains(group);
    }

    private Package single(String path, String manifestFixture) throws IOException {
        return single(parse(path, manifestFixture));
    }

    private static Package single(ParseResult r) {
        assertThat(r.unknowns()).isEmpty();
        assertThat(r.packages()).hasSize(1);
        return r.packages().get(0);
    }

    private ParseResult parse(String path, String manifestFixture) throws IOException {
        byte[] manifest = fixture(manifestFixture);
        return parse(path, jar(z -> bytesEntry(z, "META-INF/MANIFEST.MF", manifest)));
    }

    private ParseResult parse(String path, byte[] bytes) throws IOException {
        return cataloger.parse(new FileEntry(path, bytes.length, 0644), new ByteArrayInputStream(bytes));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = JarIdentityTest.class.getResourceAsStream("manifests/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
