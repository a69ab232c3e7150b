package io.spyglass.cli;

import io.spyglass.server.hub.Organizations;
import io.spyglass.server.hub.Users;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spyglass admin user list|passwd|delete}: what an operator does to accounts besides creating them. */
final class AdminUserCommands {
    private AdminUserCommands() {}

    @Command(name = "list", description = "List users: name, when created, and their organisations with their role (never password hashes).")
    static final class UserList implements Callable<Integer> {
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return AdminCommand.withHub(storage, hub -> {
                var accounts = hub.users().list();
                int width = accounts.stream().mapToInt(a -> a.name().length() + (a.siteAdmin() ? 13 : 0)).max().orElse(4);
                String format = "%-" + Math.max(4, width) + "s  %-20s  %s%n";
                System.out.printf(format, "NAME", "CREATED", "ORGANISATIONS (ROLE)");
                for (Users.Account a : accounts) {
                    System.out.printf(format, a.name() + (a.siteAdmin() ? " (site admin)" : ""), Instant.ofEpochMilli(a.createdAt()).truncatedTo(ChronoUnit.SECONDS),
                            a.orgs().isEmpty() ? "-" : a.orgs().stream().map(AdminUserCommands::membership).collect(Collectors.joining(", ")));
                }
            });
        }
    }

    private static String membership(Organizations.Membership m) {
        return m.org() + " (" + m.role().wire() + ")";
    }

    @Command(name = "passwd", description = "Set a user's password, read from stdin. Their access tokens and signed-in "
            + "sessions are kept; revoke tokens with 'admin token revoke'.")
    static final class UserPasswd implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--password-stdin", required = true, description = "Read the password from the first line of stdin.") boolean stdin;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            String password = AdminCommand.readPassword();
            return AdminCommand.withHub(storage, hub -> {
                hub.users().setPassword(name, password);
                System.out.println("changed the password of " + name);
            });
        }
    }

    @Command(name = "delete", description = "Delete a user with their access tokens, memberships and sessions. "
            + "Refused while they are the last owner of an organisation or still have repositories.")
    static final class UserDelete implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return AdminCommand.withHub(storage, hub -> {
                hub.users().delete(name);
                System.out.println("deleted user " + name);
            });
        }
    }
}
