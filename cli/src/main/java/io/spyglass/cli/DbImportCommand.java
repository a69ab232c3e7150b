package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.ChangeReason;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.FileAdvisoryStore;
import io.spyglass.advisory.source.AdvisoryImportException;
import io.spyglass.advisory.source.ImportProblem;
import io.spyglass.advisory.source.ImportResult;
import io.spyglass.advisory.source.Importer;
import io.spyglass.advisory.source.Importers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "import", description = "Import one source's data from a file, folder or archive, replacing what the database held for it; "
        + "or, with --bundle, every source of a `db export` bundle as one change set.")
final class DbImportCommand implements Callable<Integer> {
    private static final int SHOWN_PROBLEMS = 20;

    @Spec CommandSpec spec;
    @ParentCommand DbCommand parent;

    @Option(names = "--source",
            description = "osv, ghsa, go, pypa, rubysec, friendsofphp, alpine, wolfi, chainguard, debian, arch, redhat-csaf, ubuntu, nvd, kev, epss.")
    String source;

    @Option(names = "--bundle", paramLabel = "FILE", description = "A bundle written by `spyglass db export`: all its sources, checked, applied at once.")
    Path bundle;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files, folders or archives (zip, tar, tar.gz, tar.zst, tar.xz), read as one import.")
    List<Path> paths;

    @picocli.CommandLine.Mixin ProgressOptions progress;

    @Option(names = "--stats", description = "Print the time taken and the peak heap.")
    boolean stats;

    @Override
    public Integer call() throws Exception {
        return parent.closing(this::run);
    }

    private int run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (bundle != null) {
            if (source != null || (paths != null && !paths.isEmpty())) {
                err.println("--bundle imports every source of the bundle; give no --source or PATH with it");
                return 2;
            }
            return DbBundleImport.run(bundle, parent.advisoryStore(), out, err);
        }
        if (source == null || paths == null || paths.isEmpty()) {
            err.println("give --source NAME and at least one PATH, or --bundle FILE");
            return 2;
        }
        Importer importer = Importers.forSource(source).orElse(null);
        if (importer == null) {
            err.println("unknown source '" + source + "'; one of: " + String.join(", ", Importers.names()));
            return 2;
        }
        io.spyglass.advisory.AdvisoryStore store = parent.advisoryStore();
        HeapStats timing = stats ? new HeapStats() : null;
        try {
            ImportResult result = importer.read(paths, progress.listener(err));
            ChangeSet changes = store.replaceSource(source, result.records(), result.dataVersion());
            report(out, err, result, changes);
            if (timing != null) out.println("stats: " + source + " imported in " + timing.summary());
            return 0;
        } catch (AdvisoryImportException | AdvisoryStoreException e) {
            err.println("import of " + source + " refused, database unchanged: " + e.getMessage());
            return 1;
        }
    }

    static void report(PrintWriter out, PrintWriter err, ImportResult result, ChangeSet changes) {
        out.printf("%s: %d records from %d files, %d skipped problems%n", result.source(), result.records().size(),
                result.files(), result.problems().size());
        out.printf("change set: %d package keys, %d enriched ids (%d added, %d changed, %d removed records)%n",
                changes.keys().size(), changes.enrichedIds().size(), changes.added(), changes.changed(), changes.removed());
        Map<ChangeReason, Long> reasons = new TreeMap<>();
        for (ChangeSet.Change c : changes.changes()) reasons.merge(c.reason(), 1L, Long::sum);
        if (!reasons.isEmpty()) {
            StringBuilder line = new StringBuilder("changes by reason:");
            reasons.forEach((r, n) -> line.append(' ').append(r.name().toLowerCase(Locale.ROOT)).append('=').append(n));
            out.println(line);
        }
        int shown = 0;
        for (ImportProblem p : result.problems()) {
            if (shown++ == SHOWN_PROBLEMS) {
                err.println("… and " + (result.problems().size() - SHOWN_PROBLEMS) + " more problems");
                break;
            }
            err.println("skipped: " + p);
        }
    }
}
