package io.spyglass.catalog.rpm;

import io.spyglass.catalog.ParseProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

/**
 * rpm's SQLite backend ({@code rpmdb.sqlite}, rpm 4.16+, Fedora 33+, RHEL 9): table
 * {@code Packages(hnum INTEGER PRIMARY KEY, blob BLOB)}, one header blob per row. Opened from our
 * private spooled copy; the engine reads it as a file format, it is not Spyglass's storage.
 */
final class SqlitePackagesDb implements HeaderBlobs {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** A real rpmdb.sqlite is read in well under a second; this only stops a hostile one. */
    private static final int QUERY_TIMEOUT_SECONDS = 60;

    static boolean matches(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** rpm writes a plain table; a view of that name in a hostile file could compute without end. */
    private static void requireTable(Connection c) throws SQLException, CorruptRpmDbException {
        try (PreparedStatement st = c.prepareStatement("SELECT type FROM sqlite_master WHERE name = 'Packages'");
             ResultSet rows = st.executeQuery()) {
            String type = rows.next() ? rows.getString(1) : null;
            if (!"table".equals(type)) {
                throw new CorruptRpmDbException("rpmdb.sqlite has no Packages table" + (type == null ? "" : " (a " + type + " of that name)"));
            }
        }
    }

    @Override
    public void read(SpooledFile db, Sink sink) throws IOException, CorruptRpmDbException {
        Properties props = new Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        String sql = "SELECT hnum, CASE WHEN length(blob) <= ? THEN blob END FROM Packages ORDER BY hnum";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.path(), props)) {
            requireTable(c);
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setInt(1, MAX_BLOB);
                st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                try (ResultSet rows = st.executeQuery()) {
                    while (rows.next()) {
                        byte[] blob = rows.getBytes(2);
                        if (blob == null) throw new CorruptRpmDbException("rpmdb.sqlite row " + rows.getLong(1) + " holds no header or one over " + MAX_BLOB + " bytes");
                        sink.accept(blob);
                    }
                }
            }
        } catch (SQLException e) {
            throw new CorruptRpmDbException("rpmdb.sqlite cannot be read: " + ParseProblem.describe(e), e);
        }
    }
}
