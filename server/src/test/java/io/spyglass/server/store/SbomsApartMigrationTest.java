package io.spyglass.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V16 moves each stored SBOM to image_sboms: every SBOM is kept, the analysis rows stay, an image without one gets none. */
class SbomsApartMigrationTest {
    @TempDir
    Path dir;

    @Test
    void onSqlite() {
        keepsEverySbom(MigrationSources.sqlite(dir));
    }

    @Test
    void onPostgres() {
        keepsEverySbom(MigrationSources.postgres());
    }

    private static void keepsEverySbom(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("15").load().migrate();
        Jdbi jdbi = Jdbi.create(ds);
        String done = "sha256:" + "a".repeat(64), queued = "sha256:" + "b".repeat(64);
        String sbom = "{\"packages\":[{\"name\":\"zlib1g\"}]}";
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO image_analyses (manifest_digest, repository_id, status, sbom, package_count, high, updated_at) "
                    + "VALUES (?, 1, 'done', ?, 1, 3, 100)", done, sbom);
            h.execute("INSERT INTO image_analyses (manifest_digest, repository_id, status, updated_at) VALUES (?, 1, 'queued', 100)", queued);
        });
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbi.useHandle(h -> {
            assertThat(h.createQuery("SELECT manifest_digest || ' ' || sbom FROM image_sboms").mapTo(String.class).list())
                    .containsExactly(done + " " + sbom);
            assertThat(h.createQuery("SELECT manifest_digest || ' ' || status || ' ' || high FROM image_analyses ORDER BY manifest_digest")
                    .mapTo(String.class).list()).containsExactly(done + " done 3", queued + " queued 0");
        });
    }
}
