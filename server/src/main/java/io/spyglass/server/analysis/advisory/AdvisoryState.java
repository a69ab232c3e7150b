package io.spyglass.server.analysis.advisory;

import io.spyglass.advisory.AdvisoryIndex;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's in-memory advisory index and the data version it reflects (the last change set it
 * applied). Swapped whole: a reader sees one version or the next, never a mix.
 */
public final class AdvisoryState {
    public record Snapshot(AdvisoryIndex index, long changeSetId) {
        public String version() {
            return changeSetId == 0 ? "none" : "changeset-" + changeSetId;
        }
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(AdvisoryIndex.empty(), 0));

    public Snapshot get() {
        return current.get();
    }

    void set(Snapshot s) {
        current.set(s);
    }
}
