package io.spyglass.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresFixtureTest {
    @Test
    void givesARealPostgresWithSeparateDatabases() throws SQLException {
        PostgresFixture pg = PostgresFixture.shared();
        String a = pg.newDatabase();
        String b = pg.newDatabase();
        try (Connection ca = DriverManager.getConnection(a); Connection cb = DriverManager.getConnection(b)) {
            ResultSet v = ca.createStatement().executeQuery("SHOW server_version_num");
            v.next();
            assertThat(v.getInt(1)).as("server version").isGreaterThanOrEqualTo(130000);
            ca.createStatement().execute("CREATE TABLE t (id int)");
            ResultSet tables = cb.getMetaData().getTables(null, "public", "t", null);
            assertThat(tables.next()).as("table of database A visible in database B").isFalse();
        }
        assertThat(PostgresFixture.shared()).as("one server per JVM").isSameAs(pg);
    }
}
