package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.SourceStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "List the sources in the database: record counts, last import, data version.")
final class DbStatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand DbCommand parent;

    @Option(names = "--stats", description = "Also load everything and build the in-memory index, printing time, heap and sizes.")
    boolean stats;

    private void index(PrintWriter out) {
        HeapStats timing = new HeapStats();
        AdvisoryData data = parent.advisoryStore().load();
        String loaded = timing.summary();
        AdvisoryIndex index = AdvisoryIndex.build(data);
        out.printf("stats: loaded %d advisories, %d NVD, %d KEV, %d EPSS records in %s%n", data.advisories().size(),
                data.nvd().size(), data.kev().size(), data.epss().size(), loaded);
        out.printf("stats: index of %d package keys, %d vulnerabilities built; load + index %s%n", index.keys().size(),
                index.vulnerabilities().size(), timing.summary());
    }

    @Override
    public Integer call() throws Exception {
        return parent.closing(this::run);
    }

    private int run() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<SourceStatus> sources = parent.advisoryStore().status();
            out.println("database: " + parent.where());
            if (sources.isEmpty()) {
                out.println("no sources imported; run `spyglass db import --source NAME PATH` or `spyglass db update`");
                return 0;
            }
            out.printf("%-14s %-9s %9s  %-24s %s%n", "SOURCE", "KIND", "RECORDS", "LAST IMPORT", "DATA VERSION");
            for (SourceStatus s : sources) {
                out.printf("%-14s %-9s %9d  %-24s %s%n", s.source(), s.kind(), s.count(), s.lastImport(),
                        s.dataVersion() == null ? "-" : s.dataVersion());
            }
            if (stats) index(out);
            return 0;
        } catch (AdvisoryStoreException e) {
            spec.commandLine().getErr().println("cannot read the database: " + e.getMessage());
            return 1;
        }
    }
}
