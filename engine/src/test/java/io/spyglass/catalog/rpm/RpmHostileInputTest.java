package io.spyglass.catalog.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.ParseResult;
import io.spyglass.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged rpm databases and headers: each gives an Unknown naming the file, never a crash. */
class RpmHostileInputTest {
    private final RpmCataloger cataloger = new RpmCataloger();

    @Test
    void truncatedBerkeleyDbIsReportedAndBoundsAreKept() throws IOException {
        byte[] db = Files.readAllBytes(SharedData.require("corpus/fixtures/rpm/rhel8-libuuid/Packages"));
        ParseResult result = parse("var/lib/rpm/Packages", Arrays.copyOf(db, db.length / 2));
        assertThat(result.packages()).isEmpty();
        assertThat(result.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("var/lib/rpm/Packages");
            assertThat(u.message()).startsWith("rpm database: BerkeleyDB");
        });
    }

    @Test
    void overflowChainThatLoopsIsReported() throws IOException, URISyntaxException {
        byte[] db = Files.readAllBytes(RpmCatalogerTest.resource("bigendian-512/var/lib/rpm/Packages"));
        ByteBuffer buf = ByteBuffer.wrap(db).order(ByteOrder.BIG_ENDIAN);
        for (int page = 1; page < db.length / 512; page++) {
            if (buf.get(page * 512 + 25) == 7) { // every overflow page: no data, next page = itself
                buf.putShort(page * 512 + 22, (short) 0);
                buf.putInt(page * 512 + 16, page);
            }
        }
        ParseResult result = parse("var/lib/rpm/Packages", db);
        assertThat(result.packages()).isEmpty();
        assertThat(result.unknowns()).singleElement()
                .satisfies(u -> assertThat(u.message()).contains("overflow chain", "broken"));
    }

    @Test
    void fileThatIsNoDatabaseIsReported() throws IOException {
        ParseResult result = parse("var/lib/rpm/rpmdb.sqlite",
                "this is not sqlite, just text in the place of an rpm database\n".getBytes(StandardCharsets.UTF_8));
        assertThat(result.packages()).isEmpty();
        assertThat(result.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("var/lib/rpm/rpmdb.sqlite");
            assertThat(u.message()).contains("not an rpm database");
        });
        assertThat(parse("var/lib/rpm/Packages", new byte[0]).unknowns()).hasSize(1);
    }

    @Test
    void sqliteWithoutPackagesTableIsReported(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("rpmdb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE Other(x INTEGER)");
        }
        ParseResult result = parse("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db));
        assertThat(result.unknowns()).singleElement()
                .satisfies(u -> assertThat(u.message()).contains("rpmdb.sqlite has no Packages table"));
    }

    @Test
    void sqliteWhosePackagesIsAnEndlessViewIsRefused(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("rpmdb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE VIEW Packages AS WITH RECURSIVE n(hnum) AS "
                    + "(SELECT 1 UNION ALL SELECT hnum + 1 FROM n) SELECT hnum, zeroblob(16) AS blob FROM n");
        }
        ParseResult result = parse("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db));
        assertThat(result.packages()).isEmpty();
        assertThat(result.unknowns()).singleElement()
                .satisfies(u -> assertThat(u.message()).contains("no Packages table (a view of that name)"));
    }

    @Test
    void corruptHeaderIsReportedAndTheOtherPackagesAreKept(@TempDir Path tmp) throws Exception {
        List<byte[]> blobs = realBlobs();
        byte[] good = blobs.get(0);
        byte[] truncated = Arrays.copyOf(blobs.get(1), blobs.get(1).length / 2);
        byte[] absurd = blobs.get(2).clone();
        ByteBuffer.wrap(absurd).putInt(0, 0x7fffffff);
        Path db = tmp.resolve("rpmdb.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE Packages(hnum INTEGER PRIMARY KEY, blob BLOB NOT NULL)");
            insert(c, good, truncated, absurd);
        }
        ParseResult result = parse("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db));
        assertThat(result.packages()).hasSize(1);
        assertThat(result.unknowns()).extracting(u -> u.message())
                .anySatisfy(m -> assertThat(m).contains("truncated"))
                .anySatisfy(m -> assertThat(m).contains("impossible sizes"));
    }

    @Test
    void headerParserRejectsDamage() throws Exception {
        byte[] blob = realBlobs().get(0);
        assertThat(RpmHeader.parse(blob).name()).isNotEmpty();
        assertThatThrownBy(() -> RpmHeader.parse(new byte[5])).hasMessageContaining("shorter than 8 bytes");
        byte[] badOffset = blob.clone();
        ByteBuffer b = ByteBuffer.wrap(badOffset);
        int il = b.getInt(0);
        for (int i = 0; i < il; i++) if (b.getInt(8 + 16 * i) == RpmHeader.NAME) b.putInt(8 + 16 * i + 8, 1 << 30);
        assertThatThrownBy(() -> RpmHeader.parse(badOffset)).hasMessageContaining("points outside the data");
        byte[] noTerminator = blob.clone();
        Arrays.fill(noTerminator, 8 + 16 * il, noTerminator.length, (byte) 'x');
        assertThatThrownBy(() -> RpmHeader.parse(noTerminator)).isInstanceOf(CorruptRpmDbException.class);
    }

    @Test
    void ndbWithAbsurdSlotCountIsReported() throws IOException {
        byte[] db = Files.readAllBytes(SharedData.require("corpus/fixtures/rpm/sle15-bci/Packages.db"));
        ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 1 << 24);
        ParseResult result = parse("usr/lib/sysimage/rpm/Packages.db", db);
        assertThat(result.unknowns()).singleElement()
                .satisfies(u -> assertThat(u.message()).contains("NDB slot page count"));
    }

    @Test
    void ndbWithBrokenBlobKeepsEarlierPackages() throws IOException {
        byte[] db = Files.readAllBytes(SharedData.require("corpus/fixtures/rpm/sle15-bci/Packages.db"));
        ByteBuffer slots = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
        int tenthSlot = 32 + 9 * 16;
        long blobAt = Integer.toUnsignedLong(slots.getInt(tenthSlot + 8)) * 16;
        slots.putInt((int) blobAt, 0xdeadbeef);
        ParseResult result = parse("usr/lib/sysimage/rpm/Packages.db", db);
        assertThat(result.packages()).hasSize(9);
        assertThat(result.unknowns()).singleElement().satisfies(u -> assertThat(u.message()).contains("bad magic"));
    }

    private static List<byte[]> realBlobs() throws Exception {
        Path db = SharedData.requireCorpus("rpm/rootfs-el9-sqlite/var/lib/rpm/rpmdb.sqlite");
        List<byte[]> blobs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(db); SpooledFile spooled = SpooledFile.copy(in, "rpmdb.sqlite", 1 << 30)) {
            new SqlitePackagesDb().read(spooled, blobs::add);
        }
        return blobs;
    }

    private static void insert(Connection c, byte[]... blobs) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO Packages(blob) VALUES (?)")) {
            for (byte[] blob : blobs) {
                st.setBytes(1, blob);
                st.executeUpdate();
            }
        }
    }

    private ParseResult parse(String path, byte[] content) throws IOException {
        return cataloger.parse(new FileEntry(path, content.length, 0644), new ByteArrayInputStream(content));
    }
}
