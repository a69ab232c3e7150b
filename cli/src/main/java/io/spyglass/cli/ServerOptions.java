package io.spyglass.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Option;

/**
 * Which Spyglass server a command talks to (a plain {@code NS/REPO:TAG} names an image there;
 * {@code repo settings} changes it), and who asks: {@code --server} (env
 * SPYGLASS_SERVER), {@code --username} (env SPYGLASS_USERNAME) with the password or an access token
 * from SPYGLASS_PASSWORD, SPYGLASS_TOKEN or {@code --password-stdin}. No user: anonymous, which
 * sees public repositories only. Secrets never go on the command line.
 */
final class ServerOptions {
    @Option(names = "--server", defaultValue = "${env:SPYGLASS_SERVER}", paramLabel = "URL",
            description = "Spyglass server URL; images named NS/REPO:TAG are read there (env SPYGLASS_SERVER).")
    String server;

    @Option(names = "--username", defaultValue = "${env:SPYGLASS_USERNAME}",
            description = "User on that server (env SPYGLASS_USERNAME); the password or access token comes from SPYGLASS_PASSWORD, SPYGLASS_TOKEN or --password-stdin.")
    String username;

    @Option(names = "--password-stdin", description = "Read the password or access token from standard input.")
    boolean passwordStdin;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "When NS/REPO:TAG is still queued or being analysed, wait up to this long for its report (default ${DEFAULT-VALUE}: fail at once). CI jobs that scan right after a push use it.")
    int waitSeconds;

    /** The client for the server's stored reports, anonymous without --username; errors say which option is missing. */
    ServerReports reports() throws IOException {
        if (waitSeconds < 0) throw new IllegalArgumentException("--wait " + waitSeconds + " is negative");
        return new ServerReports(client(false), java.time.Duration.ofSeconds(waitSeconds));
    }

    /**
     * The server's API as the user given (required when {@code signedIn}: changes need an owner or
     * admin), else anonymously. Errors name the option that is missing or wrong.
     */
    ServerClient client(boolean signedIn) throws IOException {
        URI base = base();
        String secret = secret();
        boolean named = username != null && !username.isBlank();
        if (secret != null && !named) {
            throw new IllegalArgumentException("a password or token was given without --username (or SPYGLASS_USERNAME)");
        }
        if (named && secret == null) {
            throw new IllegalArgumentException("--username " + username + " needs a password or access token: SPYGLASS_PASSWORD, SPYGLASS_TOKEN or --password-stdin");
        }
        if (signedIn && !named) {
            throw new IllegalArgumentException("this needs a user: give --username (or SPYGLASS_USERNAME) with the password or an access token "
                    + "in SPYGLASS_PASSWORD, SPYGLASS_TOKEN or --password-stdin");
        }
        String auth = secret == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return new ServerClient(base, auth, secret == null ? null : username);
    }

    private URI base() {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("no Spyglass server given: give --server URL or set SPYGLASS_SERVER "
                    + "(a plain NS/REPO:TAG names an image there; for another registry use registry://HOST/NS/REPO:TAG)");
        }
        URI base;
        try {
            base = URI.create(server.trim().replaceAll("/+$", "") + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--server '" + server + "' is not a URL");
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("--server '" + server + "' is not an http(s) URL");
        }
        return base;
    }

    private String secret() throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) throw new IllegalArgumentException("--password-stdin: standard input is empty");
            return line.strip();
        }
        for (String env : new String[] {"SPYGLASS_PASSWORD", "SPYGLASS_TOKEN"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }
}
