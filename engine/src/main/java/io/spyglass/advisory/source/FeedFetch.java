package io.spyglass.advisory.source;

import java.nio.file.Path;

/** How one source's feed gets into a folder: plain files, a discovered index, a paged API, an archive + changes. */
interface FeedFetch {
    FeedBatch fetch(Path dir) throws FeedDownloader.UnreachableException, FeedDownloader.ChecksumException;
}
