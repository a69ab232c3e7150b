package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.ImageWithUser;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy}: the server's stored verdicts for a plain {@code NS/REPO:TAG}, and the same engine
 * evaluation run locally on the image, which gives the same lines; {@code --exit-code} exits 2
 * only when a policy fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyCommandTest {
    @TempDir
    static Path dir;

    ServerFixture fx;
    String org;
    Path layout;
    Path localDb;

    @BeforeAll
    void pushAndAnalyse() throws Exception {
        Skopeo.assumeInstalled();
        layout = SharedData.requireCorpus("arch/oci");
        Path feed = SharedData.require(ServerCommandsTest.ARCH_ALL);
        Path data = dir.resolve("data");
        fx = ServerFixture.sqliteAndFolder(data);
        Account owner = fx.newUser("owner");
        org = fx.newOrg("acme", owner);
        localDb = dir.resolve("localdb");
        assertThat(CliRun.of("db", "import", "--db", localDb.toString(), "--source", "arch", feed.toString()).exitCode()).isZero();
        assertThat(CliRun.of("db", "import", "--data", data.toString(), "--source", "arch", feed.toString()).exitCode()).isZero();
        String repo = fx.analysedRepository(owner, org, "app", false, "advanced");
        fx.push(dir, owner, "oci:" + layout + ":arch", repo + ":latest");
        fx.awaitReport(owner, repo, "latest", r -> ServerFixture.findings(r).size() == 2);
    }

    @AfterAll
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void serverVerdictsAndGradeWithExitCodeTwoWhenAPolicyFails() {
        CliRun plain = CliRun.of("policy", org + "/app:latest", "--server", fx.baseUrl());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("fail     non-root-user              no USER is set, so the image runs as root",
                "fail     no-fixable-critical-high   2 fixable [critical, high]: CVE-2024-5678, CVE-2024-5679",
                "unknown  no-known-exploited         no CISA KEV catalogue is loaded",
                // pushed without attestations; no image on the server is its base
                "fail     attestations-present", "skipped  base-image-current", "skipped  base-image-approved", "grade    D");
        CliRun gated = CliRun.of("policy", org + "/app:latest", "--server", fx.baseUrl(), "--exit-code");
        assertThat(gated.exitCode()).isEqualTo(PolicyCommand.FAILING);
        assertThat(gated.out()).isEqualTo(plain.out());
    }

    @Test
    void localEvaluationGivesTheServersLines() {
        CliRun local = CliRun.of("policy", "oci-dir://" + layout + ":arch", "--db", localDb.toString(), "--exit-code");
        CliRun stored = CliRun.of("policy", org + "/app:latest", "--server", fx.baseUrl());
        assertThat(local.exitCode()).as(local.err()).isEqualTo(PolicyCommand.FAILING);
        // attestations and base image are known on the server only (a local image is unknown there), so the grade may differ
        assertThat(serverInputsLeftOut(local.out())).isEqualTo(serverInputsLeftOut(stored.out()));
        assertThat(local.out()).contains("unknown  attestations-present", "unknown  base-image-current");
    }

    private static java.util.List<String> serverInputsLeftOut(String out) {
        return out.lines().filter(l -> !l.contains(" attestations-present ") && !l.contains(" base-image-") && !l.startsWith("grade")).toList();
    }

    @Test
    void passingImageExitsZeroWithExitCode() throws Exception {
        Path withUser = ImageWithUser.write(layout, "arch", "1000:1000", dir.resolve("arch-user"));
        CliRun run = CliRun.of("policy", "oci-dir://" + withUser + ":arch-user", "--db", localDb.toString(), "--exit-code",
                "--off", "no-fixable-critical-high");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pass     non-root-user              runs as 1000:1000",
                "skipped  no-fixable-critical-high   turned off", "grade    A");
    }

    @Test
    void anUnknownPolicyIsAOneLineError() {
        CliRun run = CliRun.of("policy", "oci-dir://" + layout + ":arch", "--db", localDb.toString(), "--off", "no-root");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith("spyglass policy: no policy named 'no-root' (non-root-user, ");
    }
}
