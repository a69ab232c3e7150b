package io.spyglass.cli;

import io.spyglass.server.hub.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code spyglass admin org plan} and {@code admin user promote|demote}: what a site admin also does
 * on {@code /admin}, with the same hub calls (the last site admin can't be demoted).
 */
final class AdminSiteCommands {
    private AdminSiteCommands() {}

    @Command(name = "plan", description = "Set an organisation's plan: free, pro, team or business.")
    static final class OrgPlan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ORG") String org;
        @Parameters(index = "1", paramLabel = "PLAN") String plan;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return AdminCommand.withHub(storage, hub -> {
                Plan p = Plan.parse(plan);
                hub.organizations().setPlan(hub.organizations().require(org), p);
                System.out.println(org + " is on the " + p.wire() + " plan");
            });
        }
    }

    @Command(name = "promote", description = "Make a user a site admin: they see /admin, change plans and manage users.")
    static final class UserPromote implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return AdminCommand.withHub(storage, hub -> {
                hub.siteAdmins().set(name, true);
                System.out.println(name + " is a site admin");
            });
        }
    }

    @Command(name = "demote", description = "Make a site admin an ordinary user again (refused for the last one).")
    static final class UserDemote implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return AdminCommand.withHub(storage, hub -> {
                hub.siteAdmins().set(name, false);
                System.out.println(name + " is no longer a site admin");
            });
        }
    }
}
