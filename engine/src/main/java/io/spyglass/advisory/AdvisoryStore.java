package io.spyglass.advisory;

import java.util.List;

/**
 * Where imported records live between runs. The CLI uses {@link FileAdvisoryStore}; the server keeps
 * them in SQL behind this same interface. Every implementation replaces one source atomically:
 * a failed import leaves the previous data, and the same data twice gives an empty change set.
 */
public interface AdvisoryStore {

    /**
     * Replaces everything stored for {@code source} with {@code records} and returns what changed.
     *
     * @param dataVersion the feed's own version or date where it has one (may be null)
     * @throws AdvisoryStoreException when the data cannot be written; the previous data then stands
     */
    ChangeSet replaceSource(String source, List<? extends SourceRecord> records, String dataVersion);

    /**
     * Replaces several sources at once, all or nothing (an advisory bundle): when one cannot be
     * written none is. Returns one change set per source, in the order given; a server queues them
     * for re-evaluation as one.
     */
    List<ChangeSet> replaceSources(List<SourceReplacement> sources);

    /** Everything stored, from all sources. */
    AdvisoryData load();

    /** The records of one source (empty when it was never imported). */
    List<SourceRecord> load(String source);

    /** One line per imported source, sorted by source name. */
    List<SourceStatus> status();
}
