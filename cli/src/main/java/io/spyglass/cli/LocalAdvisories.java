package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.FileAdvisoryStore;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --db}: the local advisory database that cves, quickview and compare match images against. */
final class LocalAdvisories {
    @Option(names = "--db", description = "Database folder (env SPYGLASS_DB, default ~/.spyglass/db).")
    Path db;

    /** Empty when no source was imported: matching against nothing would report a clean image. */
    Optional<AdvisoryIndex> index() {
        FileAdvisoryStore store = DbCommand.store(db);
        if (store.status().isEmpty()) return Optional.empty();
        return Optional.of(AdvisoryIndex.build(store.load()));
    }

    /** The index, or an error with the hint a user needs when the database is empty. */
    AdvisoryIndex require() {
        return index().orElseThrow(() -> new IllegalStateException(emptyHint()));
    }

    String emptyHint() {
        return "no vulnerability data in " + DbCommand.folder(db)
                + ": run `spyglass db import --source NAME PATH` or `spyglass db update` first (or choose another --db)";
    }
}
