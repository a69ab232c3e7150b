package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.FileAdvisoryStore;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.advisory.bundle.AdvisoryArtifact;
import io.spyglass.image.source.RegistryClient;
import io.spyglass.image.source.RegistryOptions;
import io.spyglass.server.analysis.advisory.AdvisoryArtifactFeed;
import io.spyglass.server.analysis.advisory.AdvisoryUpdater;
import io.spyglass.server.analysis.advisory.AdvisoryUpdates;
import io.spyglass.server.analysis.advisory.SqlAdvisoryStore;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --advisories-from oci://…}: the advisory artifact is pushed into a Spyglass server
 * (its registry, with a user's credentials), and another node's scheduled update pulls it: the
 * changed sources land in one transaction with ONE re-evaluation job for all of them, and a second
 * update applies nothing.
 */
class AdvisoryArtifactUpdateTest {
    @TempDir Path dir;

    @Test
    void aNodeUpdatesFromTheArtifactAsOneChangeSet() throws Exception {
        FileAdvisoryStore origin = new FileAdvisoryStore(dir.resolve("origin"));
        imported(origin, "arch", AdvisoryUpdaterTest.ARCH_ALL);
        imported(origin, "kev", "data/advisories/kev/known_exploited_vulnerabilities.json");
        try (ServerFixture registry = ServerFixture.sqliteAndFolder(dir.resolve("registry"))) {
            Account owner = registry.newUser("mirror");
            RegistryOptions credentials = new RegistryOptions(false, owner.name(), owner.password());
            String ref = registry.host() + "/" + owner.name() + "/advisories:latest";
            AdvisoryArtifact.Pushed pushed = AdvisoryArtifact.push(origin, RegistryClient.open(ref, credentials, true));
            assertThat(pushed.layers()).extracting(AdvisoryArtifact.Layer::source).containsExactly("arch", "kev");

            try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("node")))) {
                SqlAdvisoryStore store = new SqlAdvisoryStore(db);
                AdvisoryArtifactFeed feed = new AdvisoryArtifactFeed("oci://" + ref, credentials, dir.resolve("node/oci-pulled.json"));
                AdvisoryUpdater node = AdvisoryUpdater.start(db, store, new AdvisoryUpdates(null, false, null, feed));
                try {
                    String line = node.runOnce();
                    assertThat(line).startsWith("scheduled advisory update from oci://" + ref + "@" + pushed.manifest())
                            .contains("applied arch, kev (").endsWith(", 0 sources unchanged");
                    assertThat(counts(store)).isEqualTo(counts(origin));
                    assertThat(changeSets(db)).isEqualTo(2);
                    List<String> jobs = reevaluationJobs(db);
                    assertThat(jobs).as("one re-evaluation for both sources").hasSize(1);
                    assertThat(jobs.get(0).split(",")).hasSize(2);

                    assertThat(node.runOnce()).contains("applied nothing, 2 sources unchanged");
                    assertThat(changeSets(db)).isEqualTo(2);

                    // a wrong password: refused in one line, data as it was
                    AdvisoryArtifactFeed wrong = new AdvisoryArtifactFeed("oci://" + ref,
                            new RegistryOptions(false, owner.name(), "wrong"), dir.resolve("node/other.json"));
                    AdvisoryUpdater other = AdvisoryUpdater.start(db, store, new AdvisoryUpdates(null, false, null, wrong));
                    assertThat(other.runOnce()).contains("refused, kept the advisory data as it is").doesNotContain("wrong");
                    other.close();
                    assertThat(counts(store)).isEqualTo(counts(origin));
                } finally {
                    node.close();
                }
            }
        }
    }

    private static void imported(FileAdvisoryStore store, String source, String data) {
        ImportResult r = Importers.forSource(source).orElseThrow().read(SharedData.require(data));
        store.replaceSource(source, r.records(), r.dataVersion());
    }

    private static List<String> counts(io.spyglass.advisory.AdvisoryStore store) {
        return store.status().stream().map(s -> s.source() + " " + s.kind() + " " + s.count() + " " + s.dataVersion()).toList();
    }

    private static long changeSets(Database db) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM advisory_change_sets").mapTo(Long.class).one());
    }

    private static List<String> reevaluationJobs(Database db) {
        return db.withHandle(h -> h.createQuery("SELECT payload FROM analysis_jobs WHERE kind = 'reevaluate'").mapTo(String.class).list());
    }
}
