package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryStore;
import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.bundle.AdvisoryBundle;
import io.spyglass.advisory.bundle.BundleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code db import --bundle FILE}: every source of a checked bundle, applied as one change set. */
final class DbBundleImport {
    private DbBundleImport() {}

    static int run(Path bundle, AdvisoryStore store, PrintWriter out, PrintWriter err) {
        try {
            AdvisoryBundle.Imported imported = AdvisoryBundle.importInto(store, bundle);
            int added = 0, changed = 0, removed = 0;
            for (int i = 0; i < imported.sources().size(); i++) {
                ChangeSet c = imported.changes().get(i);
                var e = imported.sources().get(i);
                out.printf("%-14s %9d records  %-24s %d added, %d changed, %d removed%n", e.source(), e.records(),
                        e.dataVersion() == null ? "-" : e.dataVersion(), c.added(), c.changed(), c.removed());
                added += c.added();
                changed += c.changed();
                removed += c.removed();
            }
            out.printf("bundle of %s: %d sources imported as one change set (%d added, %d changed, %d removed records)%n",
                    imported.createdAt(), imported.sources().size(), added, changed, removed);
            return 0;
        } catch (BundleException | AdvisoryStoreException | IOException e) {
            err.println("bundle refused, database unchanged: " + e.getMessage());
            return 1;
        }
    }
}
