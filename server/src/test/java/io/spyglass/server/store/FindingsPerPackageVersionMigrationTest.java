package io.spyglass.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written before V15 (findings and history per image) reads the same after the migration
 * to findings per package version: the views give back every finding and history row, images in
 * an advanced repository share their package versions, and a basic-only image keeps its own.
 */
class FindingsPerPackageVersionMigrationTest {
    @TempDir
    Path dir;

    @Test
    void onSqlite() {
        migratesKeepingEveryFindingAndHistoryRow(MigrationSources.sqlite(dir));
    }

    @Test
    void onPostgres() {
        migratesKeepingEveryFindingAndHistoryRow(MigrationSources.postgres());
    }

    private static void migratesKeepingEveryFindingAndHistoryRow(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("14").load().migrate();
        Jdbi jdbi = Jdbi.create(ds);
        String a = "sha256:" + "a".repeat(64), b = "sha256:" + "b".repeat(64), basic = "sha256:" + "c".repeat(64);
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO namespaces (name, kind, created_at) VALUES ('acme', 'org', 1)");
            h.execute("INSERT INTO repositories (id, namespace, name, image_insight, created_at) VALUES (1, 'acme', 'app', 'advanced', 1)");
            h.execute("INSERT INTO repositories (id, namespace, name, image_insight, created_at) VALUES (2, 'acme', 'old', 'basic', 1)");
            for (String d : List.of(a, b, basic)) {
                long repo = d.equals(basic) ? 2 : 1;
                h.execute("INSERT INTO tag_images (repository_id, tag, tag_digest, manifest_digest, platform, pushed_at) VALUES (?, ?, ?, ?, NULL, 1)",
                        repo, d.substring(7, 12), d, d);
                h.execute("INSERT INTO image_analyses (manifest_digest, repository_id, status, package_count, high, analysed_at, updated_at) "
                        + "VALUES (?, ?, 'done', 2, 1, 100, 100)", d, repo);
                // the same zlib build in every image; apt differs in b; an old row without match keys in a
                pkg(h, d, 0, "zlib1g", "1:1.2.13", "[[\"debian:12\",\"zlib\",\"source-package\"]]", "zlib");
                pkg(h, d, 1, "apt", d.equals(b) ? "2.6.2" : "2.6.1", d.equals(a) ? null : "[[\"debian:12\",\"apt\",\"direct\"]]", "apt");
                h.execute("INSERT INTO findings (manifest_digest, pkg, vulnerability_id, advisory_id, source, namespace, severity, fixed_version) "
                        + "VALUES (?, 0, 'CVE-2099-1', 'DSA-1', 'debian', 'debian:12', 'high', '1:1.3')", d);
                h.execute("INSERT INTO finding_history (id, manifest_digest, vulnerability_id, package_name, package_version, severity, change, "
                        + "reason, advisory_id, change_set_id, created_at) VALUES (?, ?, 'CVE-2099-1', 'zlib1g', '1:1.2.13', 'high', 'added', "
                        + "'new advisory', 'DSA-1', 7, 200)", (long) d.charAt(7), d);
            }
        });
        List<String> findings = findings(jdbi);
        List<String> history = history(jdbi);

        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();

        assertThat(findings(jdbi)).hasSize(3).isEqualTo(findings);
        assertThat(history(jdbi)).hasSize(3).isEqualTo(history);
        jdbi.useHandle(h -> {
            // zlib shared by a and b; apt 2.6.1 of a kept apart (no match keys), apt 2.6.2 of b; basic's two of its own
            assertThat(count(h, "SELECT COUNT(*) FROM package_versions")).isEqualTo(5);
            assertThat(count(h, "SELECT COUNT(*) FROM package_versions WHERE private_to IS NOT NULL")).isEqualTo(2);
            assertThat(count(h, "SELECT COUNT(DISTINCT package_version) FROM image_packages WHERE pkg = 0")).isEqualTo(2);
            assertThat(count(h, "SELECT COUNT(*) FROM package_findings")).isEqualTo(2);
            assertThat(count(h, "SELECT COUNT(*) FROM image_packages WHERE package_version IS NULL")).isZero();
            // the id sequence continues after the migrated ids
            assertThat(Database.nextId(h, "package_versions")).isEqualTo(6);
        });
    }

    private static void pkg(Handle h, String digest, long pkg, String name, String version, String keys, String key) {
        h.execute("INSERT INTO image_packages (manifest_digest, pkg, type, name, version, purl, locations, match_keys) "
                + "VALUES (?, ?, 'deb', ?, ?, NULL, '[]', ?)", digest, pkg, name, version, keys);
        h.execute("INSERT INTO package_keys (namespace, name, manifest_digest, pkg, version) VALUES ('debian:12', ?, ?, ?, ?)",
                key, digest, pkg, version);
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }

    private static List<String> findings(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT manifest_digest || ' ' || CAST(pkg AS TEXT) || ' ' || vulnerability_id || ' ' "
                + "|| severity || ' ' || fixed_version FROM findings ORDER BY 1").mapTo(String.class).list());
    }

    private static List<String> history(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT CAST(id AS TEXT) || ' ' || manifest_digest || ' ' || vulnerability_id || ' ' "
                + "|| package_name || ' ' || change || ' ' || reason FROM finding_history ORDER BY 1").mapTo(String.class).list());
    }
}
