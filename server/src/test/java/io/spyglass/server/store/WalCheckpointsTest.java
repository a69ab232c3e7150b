package io.spyglass.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's write-ahead log is copied into the database file by the pool's own checkpoint thread,
 * not by the commit that happens to pass 1,000 pages: writers never wait for it, and the file still
 * catches up within seconds while the server keeps its connections open.
 */
class WalCheckpointsTest {

    @Test
    void committedRowsReachTheDatabaseFileWithoutAWriterCheckpointing(@TempDir Path data, @TempDir Path copy) throws Exception {
        try (Database db = Database.open(DatabaseConfig.sqlite(data))) {
            int autocheckpoint = db.withHandle(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
            assertThat(autocheckpoint).as("pool connections leave checkpoints to the checkpoint thread").isZero();

            byte[] page = new byte[4096];
            new Random(7).nextBytes(page);
            db.inTransaction(h -> {
                h.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
                var batch = h.prepareBatch("INSERT INTO scratch (id, body) VALUES (:id, :body)");
                for (int i = 0; i < 2_000; i++) batch.bind("id", i).bind("body", page).add();
                batch.execute();
                return null;
            });

            // the database file alone (no -wal beside it) holds the rows once a checkpoint copied them
            long deadline = System.nanoTime() + 10_000_000_000L;
            long rows = -1;
            while (System.nanoTime() < deadline) {
                Path file = copy.resolve("copy.db");
                Files.deleteIfExists(file);
                Files.copy(data.resolve("spyglass.db"), file);
                try {
                    rows = rowsIn(file);
                } catch (java.sql.SQLException torn) {
                    rows = -1; // copied while a checkpoint was writing it
                }
                if (rows == 2_000) break;
                Thread.sleep(200);
            }
            assertThat(rows).as("rows in a copy of the database file without its log").isEqualTo(2_000);
        }
    }

    private static long rowsIn(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'scratch'")) {
            rs.next();
            if (rs.getLong(1) == 0) return 0;
            try (ResultSet n = c.createStatement().executeQuery("SELECT COUNT(*) FROM scratch")) {
                n.next();
                return n.getLong(1);
            }
        }
    }
}
