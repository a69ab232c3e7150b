package io.spyglass.cli;

import io.spyglass.server.analysis.Analysis;
import io.spyglass.server.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spyglass admin reevaluate --all}: repair; every stored SBOM is matched again by a running server (no layer read). */
@Command(name = "reevaluate", description = "Queue a re-match of every stored SBOM against the current advisory data (a running server does it).")
final class AdminReevaluateCommand implements Callable<Integer> {
    @Option(names = "--all", required = true, description = "Every image with advanced analysis.") boolean all;
    @Mixin StorageOptions storage;

    @Override
    public Integer call() {
        try (Database db = Database.open(storage.database())) {
            Analysis.requestFullReevaluation(db);
        }
        System.out.println("re-evaluation of every stored SBOM queued; a running server takes it");
        return 0;
    }
}
