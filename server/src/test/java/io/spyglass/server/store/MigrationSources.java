package io.spyglass.server.store;

import io.spyglass.server.testing.PostgresFixture;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** Empty stores on both engines for migration tests, which write old schemas by hand before migrating. */
final class MigrationSources {
    private MigrationSources() {}

    static DataSource sqlite(Path dir) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("old.db"));
        return ds;
    }

    static DataSource postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresFixture.shared().newDatabase());
        return ds;
    }
}
