package io.spyglass.advisory.source;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one fetch left in the update's folder. {@code whole}: the source's complete data (empty when
 * only changes were fetched: the stored records are the base). {@code changes}: files laid over the
 * base by record id, then {@code deletedIds} dropped. {@code unchanged}: the upstream has nothing new
 * (304s, no changes), nothing to import. {@code state}: validators and cursors to remember once the
 * store took the data (a null value forgets a key).
 */
record FeedBatch(boolean unchanged, List<Path> whole, List<Path> changes, Set<String> deletedIds, Map<String, String> state) {
    FeedBatch {
        whole = List.copyOf(whole);
        changes = List.copyOf(changes);
        deletedIds = Set.copyOf(deletedIds);
        state = Collections.unmodifiableMap(new HashMap<>(state));
    }

    static FeedBatch unchanged(Map<String, String> state) {
        return new FeedBatch(true, List.of(), List.of(), Set.of(), state);
    }

    static FeedBatch whole(Path dir, Map<String, String> state) {
        return new FeedBatch(false, List.of(dir), List.of(), Set.of(), state);
    }
}
