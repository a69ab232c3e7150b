package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.bundle.AdvisoryArtifact;
import io.spyglass.image.source.ImageSourceException;
import io.spyglass.image.source.RegistryClient;
import io.spyglass.image.source.RegistryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "push", description = "Publish the advisory database as an OCI artifact (one layer per source) to a registry; "
        + "credentials from SPYGLASS_REGISTRY_USER / SPYGLASS_REGISTRY_PASSWORD.")
final class DbPushCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand DbCommand parent;

    @Parameters(paramLabel = "REGISTRY/NS/REPO:TAG", description = "Where to push, e.g. spyglass.example:8080/acme/advisories:latest.")
    String target;

    @Option(names = "--insecure", description = "Allow plain http to a registry that is not on this machine.")
    boolean insecure;

    @Override
    public Integer call() throws Exception {
        return parent.closing(this::run);
    }

    private int run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String ref = target.startsWith(DbArtifacts.SCHEME) ? target.substring(DbArtifacts.SCHEME.length()) : target;
        RegistryClient registry;
        try {
            registry = RegistryClient.open(ref, RegistryOptions.fromEnvironment(insecure), true);
        } catch (IllegalArgumentException e) {
            err.println("bad target '" + target + "': " + e.getMessage());
            return 2;
        }
        try {
            if (parent.advisoryStore().status().isEmpty()) {
                err.println("no sources in " + parent.where() + ": nothing to push");
                return 1;
            }
            AdvisoryArtifact.Pushed pushed = AdvisoryArtifact.push(parent.advisoryStore(), registry);
            int uploaded = 0;
            for (AdvisoryArtifact.Layer l : pushed.layers()) {
                if (l.uploaded()) uploaded++;
                out.printf("%-14s %9d records  %s  %s%n", l.source(), l.records(), l.digest().toString().substring(0, 19),
                        l.uploaded() ? "pushed (" + l.size() + " bytes)" : "unchanged, already there");
            }
            out.printf("pushed %s@%s: %d sources, %d layers uploaded%n", registry.describe(), pushed.manifest(),
                    pushed.layers().size(), uploaded);
            return 0;
        } catch (IOException | ImageSourceException | AdvisoryStoreException e) {
            err.println("push to " + registry.describe() + " failed: " + e.getMessage());
            return 1;
        }
    }
}
