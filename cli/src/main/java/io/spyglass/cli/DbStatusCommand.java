package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.SourceStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "List the sources in the database: record counts, last import, data version.")
final class DbStatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand DbCommand parent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<SourceStatus> sources = DbCommand.store(parent.db).status();
            out.println("database: " + DbCommand.folder(parent.db));
            if (sources.isEmpty()) {
                out.println("no sources imported; run `spyglass db import --source NAME PATH` or `spyglass db update`");
                return 0;
            }
            out.printf("%-14s %-9s %9s  %-24s %s%n", "SOURCE", "KIND", "RECORDS", "LAST IMPORT", "DATA VERSION");
            for (SourceStatus s : sources) {
                out.printf("%-14s %-9s %9d  %-24s %s%n", s.source(), s.kind(), s.count(), s.lastImport(),
                        s.dataVersion() == null ? "-" : s.dataVersion());
            }
            return 0;
        } catch (AdvisoryStoreException e) {
            spec.commandLine().getErr().println("cannot read the database: " + e.getMessage());
            return 1;
        }
    }
}
