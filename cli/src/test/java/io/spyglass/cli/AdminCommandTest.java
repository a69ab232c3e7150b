package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.SpyglassServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin commands act on the data folder of a running server, and what they create works at once. */
class AdminCommandTest {
    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {}

    private Run admin(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--data";
            all[args.length + 1] = data.toString();
            int exit = Main.run(all);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static int status(int port, String path, String user, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void adminCommandsWorkWhileTheServerRuns() throws Exception {
        try (SpyglassServer server = SpyglassServer.start(new ServerConfig(0, data))) {
            int port = server.port();
            assertThat(admin("alice-password\n", "admin", "user", "create", "alice", "--password-stdin").exit()).isZero();
            assertThat(admin("bob-password\n", "admin", "user", "create", "bob", "--password-stdin").exit()).isZero();
            Run dup = admin("other-password\n", "admin", "user", "create", "alice", "--password-stdin");
            assertThat(dup.exit()).isEqualTo(1);
            assertThat(dup.err()).contains("'alice' is already taken");
            assertThat(admin("short\n", "admin", "user", "create", "carol", "--password-stdin").err()).contains("too short");

            assertThat(admin("", "admin", "org", "create", "acme", "--plan", "team", "--owner", "alice").exit()).isZero();
            assertThat(admin("", "admin", "org", "create", "bad", "--plan", "gold", "--owner", "alice").err()).contains("unknown plan 'gold'");
            assertThat(admin("", "admin", "org", "add-member", "acme", "bob", "--role", "member").exit()).isZero();
            assertThat(admin("", "admin", "repo", "create", "acme/internal", "--private").exit()).isZero();
            Run token = admin("", "admin", "token", "create", "bob", "--scope", "read");
            assertThat(token.exit()).isZero();
            String secret = token.out().trim();
            assertThat(secret).startsWith("sgp_");
            assertThat(token.err()).contains("shown only now");

            // the running server sees all of it: bob pulls the private org repository's tags with his token ...
            assertThat(status(port, "/v2/acme/internal/tags/list", "bob", secret)).isEqualTo(200);
            assertThat(status(port, "/v2/acme/internal/tags/list", "bob", "bob-password")).isEqualTo(200);
            // ... alice (owner) too; nobody else
            assertThat(status(port, "/v2/acme/internal/tags/list", "alice", "alice-password")).isEqualTo(200);
            assertThat(status(port, "/v2/acme/internal/tags/list", null, null)).isEqualTo(401);
            assertThat(status(port, "/token?service=x", "alice", "wrong-password")).isEqualTo(401);
        }
    }

    @Test
    void operatorListsUsersChangesPasswordsAndDeletesUsersAndRepositories() throws Exception {
        try (SpyglassServer server = SpyglassServer.start(new ServerConfig(0, data))) {
            int port = server.port();
            for (String user : new String[] {"alice", "bob", "carol"}) {
                assertThat(admin(user + "-password\n", "admin", "user", "create", user, "--password-stdin").exit()).isZero();
            }
            assertThat(admin("", "admin", "org", "create", "acme", "--plan", "team", "--owner", "alice").exit()).isZero();
            assertThat(admin("", "admin", "org", "add-member", "acme", "bob", "--role", "member").exit()).isZero();
            String bobToken = admin("", "admin", "token", "create", "bob", "--scope", "read").out().trim();

            Run list = admin("", "admin", "user", "list");
            assertThat(list.exit()).isZero();
            String[] lines = list.out().split("\n");
            assertThat(lines[0]).startsWith("NAME").contains("CREATED", "ORGANISATIONS (ROLE)");
            assertThat(lines[1]).startsWith("alice ").endsWith("acme (owner)").containsPattern("20\\d\\d-\\d\\d-\\d\\dT");
            assertThat(lines[2]).startsWith("bob ").endsWith("acme (member)");
            assertThat(lines[3]).startsWith("carol ").endsWith("-");
            assertThat(list.out()).doesNotContain("$2a$", "password");

            // a new password works at once and the old one no longer does; bob's token is kept
            Run passwd = admin("bob-new-password\n", "admin", "user", "passwd", "bob", "--password-stdin");
            assertThat(passwd.exit()).isZero();
            assertThat(passwd.out()).contains("changed the password of bob");
            assertThat(status(port, "/v2/", "bob", "bob-password")).isEqualTo(401);
            assertThat(status(port, "/v2/", "bob", "bob-new-password")).isEqualTo(200);
            assertThat(status(port, "/v2/", "bob", bobToken)).isEqualTo(200);
            assertThat(admin("short\n", "admin", "user", "passwd", "bob", "--password-stdin").err()).contains("too short");
            assertThat(admin("long-enough\n", "admin", "user", "passwd", "nobody", "--password-stdin").err()).contains("no user named 'nobody'");

            Run lastOwner = admin("", "admin", "user", "delete", "alice");
            assertThat(lastOwner.exit()).isEqualTo(1);
            assertThat(lastOwner.err()).contains("'alice' is the last owner of organisation acme");

            assertThat(admin("", "admin", "repo", "create", "carol/own").exit()).isZero();
            assertThat(admin("", "admin", "user", "delete", "carol").err()).contains("still has repositories carol/own");
            assertThat(status(port, "/v2/carol/own/tags/list", "carol", "carol-password")).isEqualTo(200);
            Run repoDelete = admin("", "admin", "repo", "delete", "carol/own");
            assertThat(repoDelete.exit()).isZero();
            assertThat(repoDelete.out()).startsWith("deleted repository carol/own: 0 tags");
            assertThat(status(port, "/v2/carol/own/tags/list", "carol", "carol-password")).isEqualTo(404);
            assertThat(admin("", "admin", "repo", "delete", "carol/own").err()).contains("no repository carol/own");
            assertThat(admin("", "admin", "repo", "delete", "carol").err()).contains("must be NAMESPACE/NAME");

            assertThat(admin("", "admin", "user", "delete", "carol").out()).contains("deleted user carol");
            assertThat(status(port, "/v2/", "carol", "carol-password")).isEqualTo(401);
            assertThat(admin("", "admin", "user", "delete", "bob").exit()).isZero();
            assertThat(status(port, "/v2/", "bob", bobToken)).isEqualTo(401);
            assertThat(admin("", "admin", "user", "list").out()).contains("alice").doesNotContain("bob", "carol");
            assertThat(admin("", "admin", "user", "delete", "bob").err()).contains("no user named 'bob'");
            // the name is free again
            assertThat(admin("carol-password2\n", "admin", "user", "create", "carol", "--password-stdin").exit()).isZero();
        }
    }
}
