package io.spyglass.server.analysis.advisory;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.ChangeSet;
import java.util.Map;

/**
 * Keeps this node's advisory index current: built once from the SQL store, then each new change
 * set row is applied to it (only the records it names are reloaded). Polled; also run before a
 * re-evaluation so the index is at least as new as the change set being re-evaluated.
 */
public final class IndexRefresher {
    private final SqlAdvisoryStore store;
    private final AdvisoryState state;
    private boolean built;

    public IndexRefresher(SqlAdvisoryStore store, AdvisoryState state) {
        this.store = store;
        this.state = state;
    }

    public synchronized void refresh() {
        if (!built) {
            // the id first: a change set committed while loading is applied again below, harmlessly
            long last = store.lastChangeSet();
            state.set(new AdvisoryState.Snapshot(AdvisoryIndex.build(store.load()), last));
            built = true;
            return;
        }
        AdvisoryState.Snapshot snap = state.get();
        Map<Long, ChangeSet> fresh = store.changeSetsAfter(snap.changeSetId());
        if (fresh.isEmpty()) return;
        AdvisoryIndex index = snap.index();
        long last = snap.changeSetId();
        for (Map.Entry<Long, ChangeSet> e : fresh.entrySet()) {
            index = index.apply(e.getValue(), store.load(e.getValue().source()));
            last = e.getKey();
        }
        state.set(new AdvisoryState.Snapshot(index, last));
    }
}
