package io.spyglass.server.analysis.advisory;

import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.bundle.AdvisoryArtifact;
import io.spyglass.advisory.bundle.BundleException;
import io.spyglass.advisory.bundle.PulledLayers;
import io.spyglass.image.source.ImageSourceException;
import io.spyglass.image.source.RegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled update from an advisory artifact: the layers whose digest changed are pulled,
 * verified and applied in one transaction, so re-evaluation sees them as one change set. A refused
 * or unreachable artifact leaves the data as it is. Each node remembers the layers it applied in
 * its own file; a node that did not apply the last ones reads them again and finds no change.
 */
final class ArtifactUpdate {
    private static final Logger log = LoggerFactory.getLogger(ArtifactUpdate.class);

    private ArtifactUpdate() {}

    static String run(AdvisoryArtifactFeed feed, SqlAdvisoryStore store) {
        try {
            RegistryClient registry = RegistryClient.open(feed.target(), feed.options(), false);
            AdvisoryArtifact.Pulled pulled = AdvisoryArtifact.pull(registry, store, PulledLayers.load(feed.pulledLayers()));
            long keys = pulled.changes().stream().mapToLong(c -> c.keys().size()).sum();
            String line = "scheduled advisory update from " + feed.reference() + "@" + pulled.manifest() + ": applied "
                    + (pulled.applied().isEmpty() ? "nothing" : String.join(", ", pulled.applied()) + " (" + keys + " changed keys)")
                    + ", " + pulled.unchanged().size() + " sources unchanged";
            log.info(line);
            return line;
        } catch (BundleException | ImageSourceException | AdvisoryStoreException | IllegalArgumentException | java.io.IOException e) {
            String line = "scheduled advisory update from " + feed.reference() + " refused, kept the advisory data as it is: " + e.getMessage();
            log.warn(line);
            return line;
        }
    }
}
