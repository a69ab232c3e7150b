package io.spyglass.cli;

import static io.spyglass.server.registry.ServerFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db import --bundle --data}: a bundle of several sources lands in a running server's
 * database as one re-evaluation, which changes the stored report of an image it touches.
 */
class ServerBundleImportTest {
    @TempDir Path dir;

    @Test
    void aBundleIsReevaluatedAsOneChangeSet() throws Exception {
        Skopeo.assumeInstalled();
        Path arch = SharedData.requireCorpus("arch/oci");
        Path origin = dir.resolve("origin");
        DbBundleCommandTest.imported(origin, "arch", ServerCommandsTest.ARCH_ALL);
        DbBundleCommandTest.imported(origin, "kev", DbBundleCommandTest.KEV);
        Path bundle = dir.resolve("advisories.tar.gz");
        assertThat(CliRun.of("db", "export", "--db", origin.toString(), bundle.toString()).exitCode()).isZero();

        Path data = dir.resolve("data");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(data)) {
            Account owner = fx.newUser("owner");
            String repo = fx.analysedRepository(owner, fx.newOrg("acme", owner), "arch", false, "advanced");
            fx.push(dir, owner, "oci:" + arch + ":arch", repo + ":latest");
            assertThat(findings(fx.awaitStatus(owner, repo, "latest", "done"))).isEmpty();

            CliRun imported = CliRun.of("db", "import", "--data", data.toString(), "--bundle", bundle.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("2 sources imported as one change set");
            List<String> jobs = fx.server().database().withHandle(h -> h.createQuery(
                    "SELECT payload FROM analysis_jobs WHERE kind = 'reevaluate'").mapTo(String.class).list());
            assertThat(jobs).as("one re-evaluation job for both sources").hasSize(1);
            assertThat(jobs.get(0).split(",")).hasSize(2);

            assertThat(findings(fx.awaitReport(owner, repo, "latest", r -> !findings(r).isEmpty())))
                    .containsExactlyInAnyOrder("openssl 3.0.7-1 CVE-2024-5678 critical fixed:3.2.0-1",
                            "openssl 3.0.7-1 CVE-2024-5679 critical fixed:3.2.0-1");
        }
    }
}
