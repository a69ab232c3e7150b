package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importers;
import io.spyglass.server.hub.Role;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.testing.PostgresS3Stack;
import io.spyglass.testing.ImageWithUser;
import io.spyglass.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies on the PostgreSQL + S3 stack, through the JSON API only: the corpus Arch image as built
 * (root) and with a USER; an advisory import re-evaluates the verdicts and the change is in the
 * tag's history; the owner turns a policy off and a member may not.
 */
class PolicyPostgresTest {
    static final String ARCH_ALL = "data/advisories/distro-samples/arch/anchore/vunnel/tests/unit/providers/arch/test-fixtures/input/arch-advisories/all.json";

    @TempDir
    Path dir;

    @Test
    void verdictsFollowAdvisoriesAndSettings() throws Exception {
        Skopeo.assumeInstalled();
        Path arch = SharedData.requireCorpus("arch/oci");
        Path withUser = ImageWithUser.write(arch, "arch", "app", dir.resolve("arch-user"));
        try (PostgresS3Stack stack = PostgresS3Stack.start(dir.resolve("stack"));
             ServerFixture fx = ServerFixture.start(stack.config(dir.resolve("data")))) {
            Account owner = fx.newUser("owner");
            Account member = fx.newUser("member");
            String org = fx.newOrg("acme", owner);
            fx.addMember(org, member, Role.MEMBER);
            String repo = fx.analysedRepository(owner, org, "app", false, "advanced");
            fx.push(dir, owner, "oci:" + arch + ":arch", repo + ":root");
            fx.push(dir, owner, "oci:" + withUser + ":arch-user", repo + ":user");
            // the verdicts follow base image detection, which runs just after the analysis is stored
            JsonNode root = fx.awaitReport(owner, repo, "root", r -> ServerFixture.status(r).equals("done") && detected(r));
            JsonNode user = fx.awaitReport(owner, repo, "user", r -> ServerFixture.status(r).equals("done") && detected(r));
            // pushed without attestations (a failing policy each); the same layers are no base of each other
            assertThat(statuses(root)).containsEntry("non-root-user", "fail").containsEntry("no-fixable-critical-high", "pass")
                    .containsEntry("attestations-present", "fail").containsEntry("base-image-current", "skipped");
            assertThat(root.path("healthScore").asText()).isEqualTo("C");
            assertThat(statuses(user)).containsEntry("non-root-user", "pass");
            assertThat(user.path("healthScore").asText()).isEqualTo("B");

            ImportResult feed = Importers.forSource("arch").orElseThrow().read(List.of(SharedData.require(ARCH_ALL)));
            fx.server().analysis().advisoryStore().replaceSource("arch", feed.records(), "1");
            root = fx.awaitReport(owner, repo, "root", r -> "fail".equals(statuses(r).get("no-fixable-critical-high")));
            assertThat(root.path("healthScore").asText()).isEqualTo("D");
            user = fx.awaitReport(owner, repo, "user", r -> "fail".equals(statuses(r).get("no-fixable-critical-high")));
            assertThat(user.path("healthScore").asText()).isEqualTo("C");
            JsonNode history = ServerFixture.json(fx.send("GET", "/api/repositories/" + repo + "/tags/user/history", owner.basic(), null));
            List<String> changes = new ArrayList<>();
            history.forEach(h -> changes.add(h.path("change").asText() + " " + h.path("vulnerabilityId").asText()));
            assertThat(changes).contains("policy fail policy:no-fixable-critical-high");

            byte[] off = "{\"enabled\": false}".getBytes(StandardCharsets.UTF_8);
            assertThat(fx.send("PUT", "/api/orgs/" + org + "/policies/non-root-user", member.basic(), off).statusCode()).isEqualTo(403);
            assertThat(fx.send("PUT", "/api/orgs/" + org + "/policies/non-root-user", owner.basic(), off).statusCode()).isEqualTo(200);
            root = fx.report(owner, repo, "root");
            assertThat(statuses(root)).containsEntry("non-root-user", "skipped");
            assertThat(root.path("healthScore").asText()).isEqualTo("C");
        }
    }

    private static boolean detected(JsonNode report) {
        return !"unknown".equals(statuses(report).get("base-image-current"));
    }

    private static Map<String, String> statuses(JsonNode report) {
        Map<String, String> out = new LinkedHashMap<>();
        report.path("policies").forEach(p -> out.put(p.path("name").asText(), p.path("status").asText()));
        return out;
    }
}
