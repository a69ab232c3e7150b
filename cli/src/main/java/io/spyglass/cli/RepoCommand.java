package io.spyglass.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spyglass repo settings NS/NAME --image-insight advanced|basic|none}: against a running server. */
@Command(name = "repo", description = "Repositories on a Spyglass server.", subcommands = {RepoCommand.Settings.class})
final class RepoCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "settings", description = "Change a repository's image insight setting (owners and admins).")
    static final class Settings implements Callable<Integer> {
        @Parameters(paramLabel = "NS/NAME", description = "The repository.") String repository;
        @Option(names = "--image-insight", required = true, description = "advanced, basic or none.") String insight;
        @Option(names = "--server", defaultValue = "${env:SPYGLASS_SERVER}", description = "Server URL (env SPYGLASS_SERVER).") String server;
        @Option(names = "--user", defaultValue = "${env:SPYGLASS_USER}", description = "User name (env SPYGLASS_USER).") String user;
        @Option(names = "--token", defaultValue = "${env:SPYGLASS_TOKEN}", description = "Personal access token with admin scope (env SPYGLASS_TOKEN).") String token;

        @Override
        public Integer call() throws Exception {
            if (server == null || user == null || token == null) {
                System.err.println("spyglass repo settings: --server, --user and --token (or SPYGLASS_SERVER/USER/TOKEN) are needed");
                return 2;
            }
            if (!repository.contains("/")) {
                System.err.println("spyglass repo settings: name the repository as NAMESPACE/NAME");
                return 2;
            }
            String auth = Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + "/api/repositories/" + repository + "/settings"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"imageInsight\":\"" + insight.replace("\"", "") + "\"}")).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                System.out.println(repository + ": image insight " + insight);
                return 0;
            }
            String message = r.body();
            try {
                message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("error").asText(r.body());
            } catch (java.io.IOException e) {
                // not JSON: show it as it came
            }
            System.err.println("spyglass repo settings: " + r.statusCode() + ": " + message);
            return 1;
        }
    }
}
