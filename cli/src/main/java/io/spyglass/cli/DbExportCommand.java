package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.bundle.AdvisoryBundle;
import io.spyglass.advisory.bundle.BundleManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "export", description = "Write every source, with its data version, to one checksummed bundle (tar.gz) for `db import --bundle` on another machine.")
final class DbExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand DbCommand parent;

    @Parameters(paramLabel = "FILE", description = "The bundle to write (replaced when complete).")
    Path file;

    @Override
    public Integer call() throws Exception {
        return parent.closing(this::run);
    }

    private int run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AdvisoryBundle.Exported exported = AdvisoryBundle.export(parent.advisoryStore(), file);
            if (exported.sources().isEmpty()) {
                err.println("no sources in " + parent.where() + ": nothing to export");
                return 1;
            }
            for (BundleManifest.Entry e : exported.sources()) {
                out.printf("%-14s %9d records  %-24s sha256:%s%n", e.source(), e.records(),
                        e.dataVersion() == null ? "-" : e.dataVersion(), e.sha256().substring(0, 12));
            }
            out.printf("exported %d sources to %s (%d bytes)%n", exported.sources().size(), file, exported.bytes());
            return 0;
        } catch (IOException | AdvisoryStoreException e) {
            err.println("export to " + file + " failed: " + e.getMessage());
            return 1;
        }
    }
}
