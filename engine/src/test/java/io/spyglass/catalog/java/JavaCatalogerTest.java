package io.spyglass.catalog.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCatalogerTest {
    private static final String COVERAGE = "cmd/syft/internal/test/integration/testdata/image-pkg-coverage/pkgs/java/";
    private final JavaCataloger cataloger = new JavaCataloger();

    @Test
    void globPaths() {
        Path root = ExpectedPackages.fixturesRoot().resolve("syft/pkg/cataloger/java/testdata/glob-paths");
        assertThat(CatalogTester.wantedPaths(cataloger, root)).containsExactly(
                "java-archives/example.ear", "java-archives/example.hpi", "java-archives/example.jar",
                "java-archives/example.jpi", "java-archives/example.war");
    }

    @Test
    void realJarMatchesExpected() {
        var section = ExpectedPackages.forFixture(COVERAGE + "example-java-app-maven-0.1.0.jar");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()),
                "app/example-java-app-maven-0.1.0.jar");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.packages()).extracting(Package::purl).containsExactlyInAnyOrder(
                "pkg:maven/org.anchore/example-java-app-maven@0.1.0", "pkg:maven/joda-time/joda-time@2.9.2");
        assertThat(result.unknowns()).isEmpty();
    }

    @Test
    void jenkinsPluginWithNestedJar() {
        Path hpi = ExpectedPackages.fixturesRoot().resolve(COVERAGE + "example-jenkins-plugin.hpi");
        var result = CatalogTester.catalogFile(cataloger, hpi, "plugins/example-jenkins-plugin.hpi");
        assertThat(result.packages()).extracting(p -> p.locations().get(0).path())
                .contains("plugins/example-jenkins-plugin.hpi",
                        "plugins/example-jenkins-plugin.hpi:WEB-INF/lib/example-jenkins-plugin.jar");
        assertThat(result.packages()).extracting(Package::purl)
                .contains("pkg:maven/io.jenkins.plugins/example-jenkins-plugin@1.0-SNAPSHOT");
    }

    @Test
    void corruptJarIsAnUnknown() {
        Path corrupt = ExpectedPackages.fixturesRoot().resolve("syft/pkg/cataloger/java/testdata/corrupt/example.jar");
        ParseResult r = CatalogTester.parse(cataloger, corrupt, "opt/example.jar");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("opt/example.jar");
            assertThat(u.message()).contains("not a zip archive");
        });
    }

    @Test
    void shadedJarGivesOnePackagePerPomProperties() throws IOException {
        byte[] jar = jar(z -> {
            entry(z, "META-INF/maven/a.b/outer/pom.properties", "groupId=a.b\nartifactId=outer\nversion=1.0\n");
            entry(z, "META-INF/maven/c.d/shaded/pom.properties", "groupId=c.d\nartifactId=shaded\nversion=2.0\n");
        });
        assertThat(parse("x.jar", jar).packages()).extracting(Package::purl)
                .containsExactly("pkg:maven/a.b/outer@1.0", "pkg:maven/c.d/shaded@2.0");
    }

    /** Never holds an archive in memory: every entry is inflated on the way to the next, as for a jar too large to hold. */
    private static final JavaCataloger STREAMED = new JavaCataloger(
            new ArchiveLimits(8, ArchiveLimits.DEFAULT.maxTotalBytes(), 500_000, 1 << 20, 0));

    @Test
    void heldAndStreamedReadsFindTheSamePackages() {
        for (String fixture : java.util.List.of("example-java-app-maven-0.1.0.jar", "example-jenkins-plugin.hpi")) {
            Path file = ExpectedPackages.fixturesRoot().resolve(COVERAGE + fixture);
            var held = CatalogTester.catalogFile(cataloger, file, "opt/" + fixture);
            var streamed = CatalogTester.catalogFile(STREAMED, file, "opt/" + fixture);
            assertThat(held.packages()).isNotEmpty().containsExactlyElementsOf(streamed.packages());
            assertThat(held.unknowns()).containsExactlyElementsOf(streamed.unknowns());
        }
    }

    /** 64 MiB of zeros (about 64 KiB deflated) in a jar nested in another; the limit is 8 MiB. */
    private static byte[] appWithNestedBomb() throws IOException {
        byte[] inner = jar(z -> {
            z.putNextEntry(new ZipEntry("bomb.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.write(zeros);
            z.closeEntry();
        });
        return jar(z -> {
            entry(z, "META-INF/maven/com.example/app/pom.properties", "groupId=com.example\nartifactId=app\nversion=1\n");
            bytesEntry(z, "BOOT-INF/lib/bomb.jar", inner);
        });
    }

    @Test
    void zipBombInANestedJarIsAnUnknownAndTheOuterPackageIsKept(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("app.jar");
        Files.write(file, appWithNestedBomb());
        var small = new JavaCataloger(new ArchiveLimits(8, 8L << 20, 10_000, 1 << 20, 0));
        ParseResult r = CatalogTester.parse(small, file, "opt/app.jar");
        assertThat(r.packages()).extracting(Package::purl).containsExactly("pkg:maven/com.example/app@1");
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("opt/app.jar");
            assertThat(u.message()).contains("zip bomb");
        });
    }

    @Test
    void entriesNothingReadsAreNeverInflatedWhenTheArchiveIsHeld(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("app.jar");
        Files.write(file, appWithNestedBomb());
        // the same 8 MiB limit as above: the 64 MiB entry would exceed it if it were inflated
        var small = new JavaCataloger(new ArchiveLimits(8, 8L << 20, 10_000, 1 << 20, 1 << 20));
        ParseResult r = CatalogTester.parse(small, file, "opt/app.jar");
        assertThat(r.packages()).extracting(Package::purl).containsExactly("pkg:maven/com.example/app@1");
        assertThat(r.unknowns()).isEmpty();
    }

    @Test
    void zipBombIsStoppedByItsRatioLongBeforeTheTotalLimit() throws IOException {
        // 96 MiB of zeros in one entry (about 93 KiB deflated) under the default 2 GiB limit
        byte[] bomb = jar(z -> {
            entry(z, "META-INF/maven/g/bomb/pom.properties", "groupId=g\nartifactId=bomb\nversion=1\n");
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 96; i++) z.write(zeros);
            z.closeEntry();
        });
        ParseResult r = STREAMED.parse(new FileEntry("opt/bomb.jar", bomb.length, 0644), new ByteArrayInputStream(bomb));
        assertThat(r.packages()).extracting(Package::name).containsExactly("bomb");
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("opt/bomb.jar");
            assertThat(u.message()).contains("1000 times").contains("zip bomb");
        });
    }

    @Test
    void archivesNestedBeyondTheLimitAreNotRead() throws IOException {
        byte[] jar = jar(z -> entry(z, "META-INF/maven/g/level10/pom.properties", "groupId=g\nartifactId=level10\nversion=1\n"));
        for (int level = 9; level >= 0; level--) {
            byte[] inside = jar;
            int l = level;
            jar = jar(z -> {
                entry(z, "META-INF/maven/g/level" + l + "/pom.properties", "groupId=g\nartifactId=level" + l + "\nversion=1\n");
                bytesEntry(z, "lib/level" + (l + 1) + ".jar", inside);
            });
        }
        ParseResult r = parse("deep.jar", jar);
        // the file itself is level 0; levels 1..8 are nested within the bound
        assertThat(r.packages()).extracting(Package::name)
                .containsExactlyInAnyOrder("level0", "level1", "level2", "level3", "level4", "level5", "level6", "level7", "level8");
        assertThat(r.packages()).filteredOn(p -> p.name().equals("level2")).singleElement()
                .satisfies(p -> assertThat(p.locations().get(0).path()).isEqualTo("deep.jar:lib/level1.jar:lib/level2.jar"));
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("deep.jar");
            assertThat(u.message()).contains("nested deeper than 8").contains("lib/level9.jar");
        });
    }

    @Test
    void truncatedJarKeepsAnUnknownNamingTheFile() throws IOException {
        byte[] whole = jar(z -> {
            entry(z, "META-INF/maven/g/a/pom.properties", "groupId=g\nartifactId=a\nversion=1\n");
            entry(z, "big.txt", "x".repeat(100_000) + Math.random());
        });
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        ParseResult r = parse("cut.jar", cut);
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("cut.jar");
            assertThat(u.message()).startsWith("cannot read java archive cut.jar: ").doesNotContain("null");
        });
        assertThat(r.packages()).extracting(Package::name).containsExactly("a");
    }

    @Test
    void aJarCutShortInItsFirstEntrySaysWhyNotNull() throws IOException {
        byte[] whole = jar(z -> entry(z, "META-INF/maven/g/a/pom.properties", "groupId=g\nartifactId=a\nversion=1\n"));
        for (int cut : new int[] {30, 60}) {
            ParseResult r = parse("app/x.jar", java.util.Arrays.copyOf(whole, cut));
            assertThat(r.unknowns()).as("cut at %d", cut).singleElement().satisfies(u -> assertThat(u.message())
                    .isEqualTo("cannot read java archive app/x.jar: unexpected end of data (cut short)"));
        }
    }

    private ParseResult parse(String path, byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        return cataloger.parse(new FileEntry(path, bytes.length, 0644), in);
    }

    interface ZipBody {
        void write(ZipOutputStream zip) throws IOException;
    }

    static byte[] jar(ZipBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            body.write(zip);
        }
        return out.toByteArray();
    }

    static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        bytesEntry(zip, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static void bytesEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream o = zip;
        o.write(bytes);
        zip.closeEntry();
    }

    @Test
    void gradleLockfileMatchesExpected() {
        var section = ExpectedPackages.forFixture("syft/pkg/cataloger/java/testdata/gradle/gradle.lockfile");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()),
                "src/app/gradle.lockfile");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        assertThat(result.packages()).extracting(Package::purl).contains("pkg:maven/org.apache.commons/commons-text@1.8");
    }

    @Test
    void archivesWinOverGradleLockfileEntries() {
        Package jar = MavenPackages.create("joda-time", "joda-time", "2.9.2", "app/lib/joda-time-2.9.2.jar");
        Package locked = MavenPackages.create("joda-time", "joda-time", "2.2", "src/gradle.lockfile");
        Package lockOnly = MavenPackages.create("junit", "junit", "4.12", "src/gradle.lockfile");
        assertThat(cataloger.select(java.util.List.of(jar, locked, lockOnly))).containsExactly(jar, lockOnly);
    }

    @Test
    void malformedGradleLockfileIsAnUnknown(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("gradle.lockfile");
        Files.writeString(file, "# Gradle\njunit:junit:4.12=testCompileClasspath\nnot a coordinate\n");
        ParseResult r = CatalogTester.parse(cataloger, file, "src/gradle.lockfile");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("line 3"));
    }
}
