package io.spyglass.cli;

import io.spyglass.advisory.AdvisoryStore;
import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.bundle.AdvisoryArtifact;
import io.spyglass.advisory.bundle.BundleException;
import io.spyglass.advisory.bundle.PulledLayers;
import io.spyglass.image.source.ImageSourceException;
import io.spyglass.image.source.RegistryClient;
import io.spyglass.image.source.RegistryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code db update --from oci://…}: pulls the advisory artifact and applies the sources whose layer changed. */
final class DbArtifacts {
    static final String SCHEME = "oci://";
    /** Beside the data: which layer each source was last applied from. */
    static final String STATE = "oci-pulled.json";

    private DbArtifacts() {}

    static int update(String from, boolean insecure, AdvisoryStore store, Path stateFile, PrintWriter out, PrintWriter err) {
        if (!from.startsWith(SCHEME)) {
            err.println("--from '" + from + "': expected oci://REGISTRY/NS/REPO:TAG");
            return 2;
        }
        RegistryClient registry;
        try {
            registry = RegistryClient.open(from.substring(SCHEME.length()), RegistryOptions.fromEnvironment(insecure), false);
        } catch (IllegalArgumentException e) {
            err.println("--from '" + from + "': " + e.getMessage());
            return 2;
        }
        try {
            AdvisoryArtifact.Pulled pulled = AdvisoryArtifact.pull(registry, store, PulledLayers.load(stateFile));
            out.printf("pulled %s@%s%n", registry.describe(), pulled.manifest());
            for (int i = 0; i < pulled.applied().size(); i++) {
                var c = pulled.changes().get(i);
                out.printf("%-14s applied: %d added, %d changed, %d removed records%n", pulled.applied().get(i),
                        c.added(), c.changed(), c.removed());
            }
            for (String s : pulled.unchanged()) out.printf("%-14s unchanged (same layer digest)%n", s);
            out.printf("applied %d sources as one change set, %d unchanged%n", pulled.applied().size(), pulled.unchanged().size());
            return 0;
        } catch (BundleException | ImageSourceException | AdvisoryStoreException | IOException e) {
            err.println("update from " + from + " refused, data unchanged: " + e.getMessage());
            return 1;
        }
    }
}
