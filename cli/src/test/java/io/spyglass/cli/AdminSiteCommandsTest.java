package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin org plan} and {@code admin user promote|demote}: the same rules as the /admin page. */
class AdminSiteCommandsTest {
    @TempDir
    Path data;

    private CliRun admin(String stdin, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = data.toString();
        return CliRun.withStdin(stdin, all);
    }

    @Test
    void operatorSetsPlansAndSiteAdmins() {
        assertThat(admin("alice-password\n", "admin", "user", "create", "alice", "--password-stdin").exitCode()).isZero();
        assertThat(admin("bob-password\n", "admin", "user", "create", "bob", "--password-stdin").exitCode()).isZero();
        assertThat(admin("", "admin", "org", "create", "acme", "--owner", "alice").out()).contains("plan free");

        CliRun plan = admin("", "admin", "org", "plan", "acme", "team");
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).isEqualTo("acme is on the team plan\n");
        CliRun gold = admin("", "admin", "org", "plan", "acme", "gold");
        assertThat(gold.exitCode()).isEqualTo(1);
        assertThat(gold.err()).contains("unknown plan 'gold' (want free, pro, team or business)");
        assertThat(admin("", "admin", "org", "plan", "nobody", "pro").err()).contains("no organisation named 'nobody'");

        assertThat(admin("", "admin", "user", "promote", "alice").out()).isEqualTo("alice is a site admin\n");
        assertThat(admin("", "admin", "user", "list").out()).contains("alice (site admin)").doesNotContain("bob (site admin)");
        CliRun last = admin("", "admin", "user", "demote", "alice");
        assertThat(last.exitCode()).isEqualTo(1);
        assertThat(last.err()).contains("'alice' is the last site admin and cannot be demoted");
        assertThat(admin("", "admin", "user", "promote", "bob").exitCode()).isZero();
        assertThat(admin("", "admin", "user", "demote", "alice").out()).isEqualTo("alice is no longer a site admin\n");
        assertThat(admin("", "admin", "user", "delete", "bob").err()).contains("'bob' is the last site admin and cannot be deleted");
    }
}
