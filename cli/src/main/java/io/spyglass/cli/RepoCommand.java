package io.spyglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        @Mixin ServerOptions server;

        @Override
        public Integer call() {
            try {
                String path = "/api/repositories/" + ServerImage.repository(repository) + "/settings";
                ServerClient client = server.client(true);
                // the server checks the value and answers why it refuses one (unknown value, plan, rights)
                HttpResponse<String> r = client.send("PUT", path, new ObjectMapper().writeValueAsString(Map.of("imageInsight", insight)));
                if (r.statusCode() == 200) {
                    System.out.println(repository + ": image insight " + insight);
                    return 0;
                }
                System.err.println("spyglass repo settings: " + client.base() + " answered " + r.statusCode() + " for " + repository + ": "
                        + ServerClient.error(r.body()));
                return 1;
            } catch (IllegalArgumentException e) {
                System.err.println("spyglass repo settings: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("spyglass repo settings: " + e.getMessage());
                return 1;
            }
        }
    }
}
