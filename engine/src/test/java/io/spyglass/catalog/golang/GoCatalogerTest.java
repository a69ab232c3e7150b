package io.spyglass.catalog.golang;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.ExpectedPackages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoCatalogerTest {
    private static final String TESTDATA = "syft/pkg/cataloger/golang/testdata/";
    /** The 16-byte sentinels cmd/go wraps modinfo in. */
    private static final byte[] START = HexFormat.of().parseHex("3077af0c9274080241e1c107e6d618e6");
    private static final byte[] END = HexFormat.of().parseHex("f932433186182072008242104116d8f2");
    private final GoCataloger cataloger = new GoCataloger();

    @Test
    void wantsExecutablesAndGoMod() {
        assertThat(cataloger.wants(new FileEntry("usr/local/bin/tool", 2_000_000, 0755))).isTrue();
        assertThat(cataloger.wants(new FileEntry("src/go.mod", 100, 0644))).isTrue();
        assertThat(cataloger.wants(new FileEntry("usr/share/doc/readme", 2_000_000, 0644))).isFalse();
        assertThat(cataloger.wants(new FileEntry("bin/tiny-script", 100, 0755))).isFalse();
        assertThat(cataloger.wants(new FileEntry("tools/app.exe", 2_000_000, 0644))).isTrue();
        assertThat(cataloger.wants(new FileEntry("opt/app/app.jar", 2_000_000, 0755))).isFalse();
    }

    @Test
    void goModMatchesExpected() {
        var section = ExpectedPackages.forFixture(TESTDATA + "go-mod-fixtures/many-packages/go.mod");
        var result = CatalogTester.catalogFile(cataloger, ExpectedPackages.fixturesRoot().resolve(section.fixture()), "src/go.mod");
        assertThat(result.nameVersions()).containsExactlyInAnyOrderElementsOf(section.packages());
        Package archiver = result.packages().stream()
                .filter(p -> p.name().equals("github.com/anchore/archiver/v3")).findFirst().orElseThrow();
        assertThat(archiver.purl()).isEqualTo("pkg:golang/github.com/anchore/archiver/v3@v3.5.2");
    }

    @Test
    void goModReplaceBlockAndLocalReplacement() {
        var blocks = CatalogTester.catalogFile(cataloger,
                ExpectedPackages.fixturesRoot().resolve(TESTDATA + "go-source-replacements/go.mod"), "go.mod");
        assertThat(blocks.nameVersions()).containsExactlyInAnyOrder(
                "golang.org/x/text\tv0.0.0-20170915032832-14c0d48ead0c", "rsc.io/quote\tv1.5.2", "rsc.io/sampler\tv1.3.1");
        var local = CatalogTester.catalogFile(cataloger,
                ExpectedPackages.fixturesRoot().resolve(TESTDATA + "go-mod-fixtures/relative-replace/go.mod"), "go.mod");
        assertThat(local.nameVersions()).containsExactly("github.com/aws/aws-sdk-go-v2\tv1.36.3");
    }

    @Test
    void corruptGoModIsAnUnknown() {
        ParseResult r = CatalogTester.parse(cataloger, ExpectedPackages.fixturesRoot().resolve(TESTDATA + "corrupt/go.mod"), "src/go.mod");
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("src/go.mod");
            assertThat(u.message()).contains("ruire");
        });
    }

    @Test
    void buildInfoWithDepsReplacementsAndStdlib() throws IOException {
        String modinfo = "path\texample.com/app/cmd/app\n"
                + "mod\texample.com/app\t(devel)\t\n"
                + "dep\tgolang.org/x/net\tv0.7.0\th1:abc=\n"
                + "dep\tgithub.com/old/thing\tv1.0.0\th1:def=\n"
                + "=>\tgithub.com/new/thing\tv1.2.0\th1:ghi=\n"
                + "dep\tgithub.com/local/fork\tv0.3.0\t\n"
                + "=>\t../fork\t\t\n"
                + "build\tGOOS=linux\n";
        byte[] binary = binary(64 * 1024 + 3, "go1.21.5", modinfo);
        ParseResult r = parse("usr/bin/app", new ByteArrayInputStream(binary));
        assertThat(CatalogTester.nameVersions(r.packages())).containsExactlyInAnyOrder(
                "example.com/app\t(devel)", "golang.org/x/net\tv0.7.0", "github.com/new/thing\tv1.2.0",
                "github.com/local/fork\tv0.3.0", "stdlib\tgo1.21.5");
        assertThat(r.packages()).extracting(Package::purl).contains(
                "pkg:golang/example.com/app", "pkg:golang/golang.org/x/net@v0.7.0", "pkg:golang/stdlib@1.21.5");
        assertThat(r.unknowns()).isEmpty();
    }

    @Test
    void magicSplitAcrossReadsIsFound() throws IOException {
        // the walker may hand the content in small pieces; the magic straddles the scanner's 256 KiB window
        byte[] binary = binary(256 * 1024 - 7, "go1.22.1", "path\tx\nmod\texample.com/x\tv1.0.0\t\n");
        ParseResult r = parse("bin/x", trickle(new ByteArrayInputStream(binary), 4093));
        assertThat(CatalogTester.nameVersions(r.packages())).containsExactlyInAnyOrder("example.com/x\tv1.0.0", "stdlib\tgo1.22.1");
    }

    @Test
    void magicAfterManyNearMissesIsFound() throws IOException {
        // every prefix and suffix of the magic, and the magic with one byte wrong, before the real one
        ByteArrayOutputStream near = new ByteArrayOutputStream();
        byte[] magic = GoBuildInfoScanner.MAGIC;
        for (int n = 1; n < magic.length; n++) {
            near.write(magic, 0, n);
            near.write(magic, magic.length - n, n);
            byte[] wrong = magic.clone();
            wrong[n] ^= 1;
            near.write(wrong);
        }
        byte[] real = binary(0, "go1.21.0", "path\ty\nmod\texample.com/y\tv2.0.0\t\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(near.toByteArray());
        out.write(new byte[(16 - near.size() % 16) % 16]);
        out.write(real);
        ParseResult r = parse("bin/y", new ByteArrayInputStream(out.toByteArray()));
        assertThat(CatalogTester.nameVersions(r.packages())).containsExactlyInAnyOrder("example.com/y\tv2.0.0", "stdlib\tgo1.21.0");
    }

    @Test
    void aFileThatOnlyLooksLikeGoIsAnUnknown() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[4096]);
        out.write(GoBuildInfoScanner.MAGIC);
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        garbage[0] = 8;    // a plausible pointer size,
        garbage[1] = 2;    // inline strings,
        garbage[18] = (byte) 0xff; // then a varint length far beyond any real version string
        garbage[19] = (byte) 0xff;
        garbage[20] = 0x7f;
        out.write(garbage);
        ParseResult r = parse("usr/bin/fake", new ByteArrayInputStream(out.toByteArray()));
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("usr/bin/fake");
            assertThat(u.message()).contains("not valid build info");
        });
    }

    @Test
    void magicAtTheVeryEndIsAnUnknownNotACrash() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[2048]);
        out.write(GoBuildInfoScanner.MAGIC);
        ParseResult r = parse("usr/bin/cut", new ByteArrayInputStream(out.toByteArray()));
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.path()).isEqualTo("usr/bin/cut"));
    }

    @Test
    void preGo118PointerFormatIsReportedNotGuessed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[4096]);
        out.write(GoBuildInfoScanner.MAGIC);
        out.write(new byte[] {8, 0});
        out.write(new byte[4096]);
        ParseResult r = parse("usr/bin/old", new ByteArrayInputStream(out.toByteArray()));
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("pre-1.18"));
    }

    @Test
    void anOrdinaryExecutableYieldsNothing() throws IOException {
        byte[] elf = new byte[100_000];
        new Random(7).nextBytes(elf);
        ParseResult r = parse("usr/bin/c-program", new ByteArrayInputStream(elf));
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).isEmpty();
    }

    @Test
    void goModIsIgnoredWhenABinaryNamesModules() throws IOException {
        Package fromMod = GoPackages.module("golang.org/x/text", "v0.3.0", "src/app/go.mod");
        Package fromBinary = GoPackages.module("golang.org/x/text", "v0.7.0", "usr/bin/app");
        Package std = GoPackages.stdlib("go1.21.0", "usr/bin/app");
        assertThat(cataloger.select(List.of(fromMod, fromBinary, std))).containsExactly(fromBinary, std);
        assertThat(cataloger.select(List.of(fromMod, std))).containsExactly(fromMod, std);
    }

    private ParseResult parse(String path, InputStream in) throws IOException {
        return cataloger.parse(new FileEntry(path, 1 << 20, 0755), in);
    }

    /** Bytes shaped like a Go ≥ 1.18 executable: filler, then a 16-aligned build-info header and inline strings. */
    static byte[] binary(int offset, String goVersion, String modinfo) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] filler = new byte[offset + (16 - offset % 16) % 16];
        new Random(1).nextBytes(filler);
        out.write(filler);
        out.write(GoBuildInfoScanner.MAGIC);
        out.write(new byte[] {8, 2});
        out.write(new byte[16]);
        writeString(out, goVersion.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream mod = new ByteArrayOutputStream();
        mod.write(START);
        mod.write(modinfo.getBytes(StandardCharsets.UTF_8));
        mod.write(END);
        writeString(out, mod.toByteArray());
        out.write(new byte[1000]);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        long v = s.length;
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        out.write(s, 0, s.length);
    }

    private static InputStream trickle(InputStream in, int max) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }
}
