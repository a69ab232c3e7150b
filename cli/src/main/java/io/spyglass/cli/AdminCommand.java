package io.spyglass.cli;

import io.spyglass.server.hub.AccessTokens;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.TokenScope;
import io.spyglass.server.hub.User;
import io.spyglass.server.store.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spyglass admin …}: accounts, organisations, tokens and repositories, on the same
 * {@code --data}/{@code --db-url} as {@code serve} (also while it runs: SQLite waits on its lock).
 */
@Command(name = "admin", description = "Manage users, organisations, access tokens and repositories.",
        subcommands = {AdminCommand.UserCmd.class, AdminCommand.OrgCmd.class, AdminCommand.TokenCmd.class, AdminCommand.RepoCmd.class,
                AdminReevaluateCommand.class, AdminGcCommand.class})
final class AdminCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Opens the hub, runs the action, and turns a hub refusal into a one-line message and exit code 1. */
    static int withHub(StorageOptions storage, HubAction action) throws Exception {
        try (Database db = Database.open(storage.database())) {
            action.run(Hub.over(db, false));
            return 0;
        } catch (HubException e) {
            System.err.println("spyglass admin: " + e.getMessage());
            return 1;
        }
    }

    /** The first line of stdin ("" when there is none): how every command takes a password. */
    static String readPassword() throws java.io.IOException {
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return password == null ? "" : password;
    }

    interface HubAction {
        void run(Hub hub) throws Exception;
    }

    @Command(name = "user", description = "Accounts.", subcommands = {UserCreate.class, AdminUserCommands.UserList.class,
            AdminUserCommands.UserPasswd.class, AdminUserCommands.UserDelete.class, AdminSiteCommands.UserPromote.class,
            AdminSiteCommands.UserDemote.class})
    static final class UserCmd {}

    @Command(name = "create", description = "Create a user; the password is read from stdin.")
    static final class UserCreate implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--password-stdin", required = true, description = "Read the password from the first line of stdin.") boolean stdin;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            String pw = readPassword();
            return withHub(storage, hub -> {
                hub.users().create(name, pw);
                System.out.println("created user " + name);
            });
        }
    }

    @Command(name = "org", description = "Organisations.", subcommands = {OrgCreate.class, OrgAddMember.class, AdminSiteCommands.OrgPlan.class})
    static final class OrgCmd {}

    @Command(name = "create", description = "Create an organisation with its first owner.")
    static final class OrgCreate implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--plan", defaultValue = "free", description = "free, pro, team or business (default ${DEFAULT-VALUE}).") String plan;
        @Option(names = "--owner", required = true, description = "The user who owns it.") String owner;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return withHub(storage, hub -> {
                hub.organizations().create(name, Plan.parse(plan), hub.users().require(owner));
                System.out.println("created organisation " + name + " (plan " + Plan.parse(plan).wire() + ", owner " + owner + ")");
            });
        }
    }

    @Command(name = "add-member", description = "Add a member to an organisation (or change their role).")
    static final class OrgAddMember implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ORG") String org;
        @Parameters(index = "1", paramLabel = "USER") String user;
        @Option(names = "--role", defaultValue = "member", description = "owner, admin or member (default ${DEFAULT-VALUE}).") String role;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return withHub(storage, hub -> {
                Organization o = hub.organizations().require(org);
                hub.organizations().addMember(o, hub.users().require(user), Role.parse(role));
                System.out.println(user + " is " + Role.parse(role).wire() + " of " + org);
            });
        }
    }

    @Command(name = "token", description = "Personal access tokens.", subcommands = {TokenCreate.class, TokenRevoke.class})
    static final class TokenCmd {}

    @Command(name = "create", description = "Create a personal access token; it is printed once and never again.")
    static final class TokenCreate implements Callable<Integer> {
        @Parameters(paramLabel = "USER") String user;
        @Option(names = "--scope", defaultValue = "read-write", description = "read, read-write or admin (default ${DEFAULT-VALUE}).") String scope;
        @Option(names = "--label", defaultValue = "cli", description = "What the token is for.") String label;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return withHub(storage, hub -> {
                User u = hub.users().require(user);
                AccessTokens.NewToken t = hub.tokens().create(u, label, TokenScope.parse(scope));
                System.err.println("token " + t.id() + " for " + user + " (" + t.scope().wire() + "); it is shown only now:");
                System.out.println(t.secret());
            });
        }
    }

    @Command(name = "revoke", description = "Revoke a personal access token by its id.")
    static final class TokenRevoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "USER") String user;
        @Parameters(index = "1", paramLabel = "ID") long id;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            return withHub(storage, hub -> {
                hub.tokens().revoke(hub.users().require(user), id);
                System.out.println("revoked token " + id);
            });
        }
    }

    @Command(name = "repo", description = "Repositories.", subcommands = {RepoCreate.class, RepoDelete.class})
    static final class RepoCmd {}

    /** NAMESPACE/NAME split at its slash; null, after saying so, when it is not one. */
    private static String[] namespaceAndName(String fullName) {
        int slash = fullName.indexOf('/');
        if (slash <= 0 || slash == fullName.length() - 1) {
            System.err.println("spyglass admin: repository name '" + fullName + "' must be NAMESPACE/NAME");
            return null;
        }
        return new String[] {fullName.substring(0, slash), fullName.substring(slash + 1)};
    }

    @Command(name = "create", description = "Create a repository NAMESPACE/NAME (public unless --private).")
    static final class RepoCreate implements Callable<Integer> {
        @Parameters(paramLabel = "NAMESPACE/NAME") String fullName;
        @Option(names = "--private", description = "Only members of the namespace may pull.") boolean isPrivate;
        @Option(names = "--description", defaultValue = "") String description;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            String[] name = namespaceAndName(fullName);
            if (name == null) return 1;
            return withHub(storage, hub -> {
                var repo = hub.repositories().create(name[0], name[1], isPrivate);
                if (!description.isEmpty()) hub.repositories().update(repo, null, description, null);
                System.out.println("created " + (isPrivate ? "private" : "public") + " repository " + fullName);
            });
        }
    }

    @Command(name = "delete", description = "Delete a repository NAMESPACE/NAME with its tags, analyses and webhooks "
            + "(blob bytes stay until garbage collection).")
    static final class RepoDelete implements Callable<Integer> {
        @Parameters(paramLabel = "NAMESPACE/NAME") String fullName;
        @Mixin StorageOptions storage;

        @Override
        public Integer call() throws Exception {
            String[] name = namespaceAndName(fullName);
            if (name == null) return 1;
            return withHub(storage, hub -> {
                var repo = hub.repositories().find(name[0], name[1])
                        .orElseThrow(() -> new HubException(HubException.Kind.NOT_FOUND, "no repository " + fullName));
                var gone = hub.repositories().delete(repo);
                System.out.println("deleted repository " + fullName + ": " + gone.tags() + " tags, " + gone.manifests()
                        + " manifests, " + gone.webhooks() + " webhooks; analysis of " + gone.imagesForgotten()
                        + " images removed, " + gone.imagesShared() + " kept (another repository holds them)");
            });
        }
    }
}
