package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.FileAdvisoryStore;
import java.nio.file.Path;
import java.util.Optional;

/** The matching index built from the local database (--db), or empty with the hint a user needs. */
final class LocalAdvisories {
    private LocalAdvisories() {
    }

    /** Empty when no source was imported: matching against nothing would report a clean image. */
    static Optional<AdvisoryIndex> index(Path db) {
        FileAdvisoryStore store = DbCommand.store(db);
        if (store.status().isEmpty()) return Optional.empty();
        return Optional.of(AdvisoryIndex.build(store.load()));
    }

    static String emptyHint(Path db) {
        return "no vulnerability data in " + DbCommand.folder(db)
                + ": run `spyglass db import --source NAME PATH` or `spyglass db update` first (or choose another --db)";
    }
}
