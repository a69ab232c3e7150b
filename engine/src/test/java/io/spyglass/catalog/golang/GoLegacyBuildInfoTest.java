package io.spyglass.catalog.golang;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.CatalogTester;
import io.spyglass.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Go 1.13–1.17 build info (pointers into the data segments). Real binaries are fetched by
 * {@code scripts/fetch-go-legacy.sh} into the corpus folder (megabytes, so not committed); the
 * expected modules are the committed output of {@code go version -m} (Go 1.19) on each binary, in
 * {@code go-legacy/<name>.txt} beside this package's resources. A golden rather than running
 * {@code go} here: the test then also runs where no Go toolchain is installed, and says exactly
 * what was expected. The bad-input cases use a minimal ELF built below, as no real binary has
 * pointers that lead outside its file.
 */
class GoLegacyBuildInfoTest {
    private final GoCataloger cataloger = new GoCataloger();

    @ParameterizedTest
    @ValueSource(strings = {"esbuild-linux-64-0.8.57", "esbuild-linux-s390x-0.14.8", "esbuild-darwin-64-0.8.57",
        "esbuild-windows-64-0.14.8",
        "fzf_0.24.3-1+b6_amd64", "fzf_0.24.3-1+b6_i386"})
    void modulesAreWhatGoVersionMPrints(String name) throws IOException {
        Path binary = binaryIn(SharedData.requireCorpus("go-legacy/" + name));
        List<String> expected = goVersionM(name);
        // streamed whole (as the walker hands a large file), and in small uneven reads across window edges
        try (InputStream in = Files.newInputStream(binary)) {
            ParseResult r = cataloger.parse(entry(binary), in);
            assertThat(r.unknowns()).isEmpty();
            assertThat(CatalogTester.nameVersions(r.packages())).containsExactlyInAnyOrderElementsOf(expected);
        }
        try (InputStream in = trickle(Files.newInputStream(binary), 4093)) {
            assertThat(CatalogTester.nameVersions(cataloger.parse(entry(binary), in).packages()))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aMinimalElfReadsLikeARealOne() throws IOException {
        ParseResult r = parse(new LegacyElf().bytes());
        assertThat(r.unknowns()).isEmpty();
        assertThat(CatalogTester.nameVersions(r.packages())).containsExactlyInAnyOrder(
                "example.com/app\t(devel)", "golang.org/x/text\tv0.3.7", "stdlib\tgo1.16.7");
    }

    @Test
    void aPointerOutsideTheFileIsAnUnknownNamingTheFile() throws IOException {
        LegacyElf elf = new LegacyElf();
        elf.modinfoVar = 0x7fff_0000L;
        ParseResult r = parse(elf.bytes());
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("usr/bin/old");
            assertThat(u.message()).contains("pre-1.18", "runtime.modinfo", "0x7fff0000", "outside");
        });
    }

    @Test
    void aStringLengthPastTheSegmentIsAnUnknown() throws IOException {
        LegacyElf elf = new LegacyElf();
        elf.versionLength = 1 << 20;
        ParseResult r = parse(elf.bytes());
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("runtime.buildVersion"));
    }

    @Test
    void aStringHeaderPastTheEndOfAFileCutShortIsAnUnknown() throws IOException {
        byte[] whole = new LegacyElf().bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, LegacyElf.HEADER_AT + 32 + 4);
        ParseResult r = parse(cut);
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("past the end"));
    }

    @Test
    void aVersionPointerIntoBytesNotKeptIsAnUnknown() throws IOException {
        LegacyElf elf = new LegacyElf();
        elf.versionAt = 0x10; // into the ELF header: passed long ago, and not a string the scan keeps
        ParseResult r = parse(elf.bytes());
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("version string"));
    }

    @Test
    void withoutGoLinkersNoteTheStringsAreNotKeptAndThatIsSaid() throws IOException {
        // only files Go's linker made pay for keeping strings; another is never read silently wrong
        LegacyElf elf = new LegacyElf();
        elf.goNote = false;
        ParseResult r = parse(elf.bytes());
        assertThat(r.packages()).isEmpty();
        assertThat(r.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("not one the scan kept"));
    }

    @Test
    void theMagicAsAStringLiteralInReadOnlyDataIsNotTheHeader() throws IOException {
        // a tool that reads build info carries the magic in .rodata; only the one in writable data counts
        LegacyElf elf = new LegacyElf();
        elf.literalMagic = true;
        ParseResult r = parse(elf.bytes());
        assertThat(r.unknowns()).isEmpty();
        assertThat(CatalogTester.nameVersions(r.packages())).contains("stdlib\tgo1.16.7");
    }

    private ParseResult parse(byte[] bytes) throws IOException {
        return cataloger.parse(new FileEntry("usr/bin/old", bytes.length, 0755), new ByteArrayInputStream(bytes));
    }

    /**
     * A minimal little-endian ELF64 laid out as Go 1.13–1.17 link one: a read-only segment with the
     * string bytes, then a writable one starting with the 32-byte build-info header and the two Go
     * string headers it points to. Fields are public so that each test breaks one.
     */
    static final class LegacyElf {
        static final long RO = 0x400000;
        static final long RW = 0x500000;
        /** Larger than the scanner's first read, so that the start of the file is behind it at the header. */
        static final int RO_SIZE = 0x80000;
        static final int HEADER_AT = RO_SIZE;
        long versionVar = RW + 32;
        long modinfoVar = RW + 48;
        long versionAt = 0x200;
        long versionLength = "go1.16.7".length();
        boolean literalMagic;
        boolean goNote = true;

        byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(RO_SIZE + 64).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).position(16);
            b.putShort((short) 2).putShort((short) 62).putInt(1).putLong(RO).putLong(64).putLong(0);
            b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 2).putShort((short) 64);
            b.putShort((short) 0).putShort((short) 0);
            b.put(54 + 2, (byte) (goNote ? 3 : 2)); // e_phnum
            segment(b, 4, 0, RO, RO_SIZE);           // PF_R
            segment(b, 6, HEADER_AT, RW, 64);        // PF_R|PF_W
            if (goNote) {
                // PT_NOTE over cmd/link's build-ID note: namesz 4 "Go\0\0", descsz 4, type 4
                b.putInt(4).putInt(4).putLong(0x100).putLong(RO + 0x100).putLong(RO + 0x100).putLong(20).putLong(20).putLong(4);
                b.put(0x100, new byte[] {4, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 'G', 'o', 0, 0, 'x', 'y', 'z', 'w'});
            }
            b.put(0x200, "go1.16.7".getBytes(StandardCharsets.US_ASCII));
            byte[] mod = modinfo();
            b.put(0x300, mod);
            if (literalMagic) b.put(0x800, GoBuildInfoScanner.MAGIC).put(0x800 + 14, new byte[] {8, 0});
            b.position(HEADER_AT);
            b.put(GoBuildInfoScanner.MAGIC).put((byte) 8).put((byte) 0).putLong(versionVar).putLong(modinfoVar);
            b.putLong(RO + versionAt).putLong(versionLength);
            b.putLong(RO + 0x300).putLong(mod.length);
            return b.array();
        }

        private static void segment(ByteBuffer b, int flags, long offset, long vaddr, long size) {
            b.putInt(1).putInt(flags).putLong(offset).putLong(vaddr).putLong(vaddr).putLong(size).putLong(size).putLong(0x1000);
        }

        private static byte[] modinfo() {
            String text = "path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.7\th1:x=\n";
            ByteBuffer m = ByteBuffer.allocate(32 + text.length());
            m.put(GoBuildInfoScanner.MODINFO_START).put(text.getBytes(StandardCharsets.US_ASCII)).put(GoBuildInfoScanner.MODINFO_END);
            return m.array();
        }
    }

    /** Expected name/version lines from {@code go version -m} output: toolchain, modules, replacements. */
    private static List<String> goVersionM(String name) throws IOException {
        List<String> lines;
        try (InputStream in = GoLegacyBuildInfoTest.class.getResourceAsStream("go-legacy/" + name + ".txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> out = new ArrayList<>();
        out.add("stdlib\t" + lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
        String path = null;
        boolean hasMod = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.strip().split("\t");
            switch (f[0]) {
                case "path" -> path = f[1];
                case "mod", "dep" -> {
                    hasMod |= f[0].equals("mod");
                    out.add(f[1] + "\t" + f[2]);
                }
                case "=>" -> out.set(out.size() - 1, f[1] + "\t" + f[2]);
                default -> { }
            }
        }
        if (!hasMod && path != null) out.add(path + "\t(devel)");
        return out;
    }

    private static Path binaryIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileEntry entry(Path binary) throws IOException {
        return new FileEntry("usr/bin/" + binary.getFileName(), Files.size(binary), 0755);
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
