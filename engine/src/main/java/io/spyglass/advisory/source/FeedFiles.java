package io.spyglass.advisory.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feed that is a list of files, fetched conditionally. All unchanged (304) means nothing to do;
 * when only some changed, the unchanged ones are fetched again in full, because a source is always
 * replaced whole. URLs in {@code optional} may be missing (404): a discovered branch without a
 * community repository.
 */
final class FeedFiles implements FeedFetch {
    private final FeedDownloader downloader;
    private final FeedState state;
    private final List<URI> urls;
    private final Set<URI> optional;

    FeedFiles(FeedDownloader downloader, FeedState state, List<URI> urls, Set<URI> optional) {
        this.downloader = downloader;
        this.state = state;
        this.urls = List.copyOf(urls);
        this.optional = Set.copyOf(optional);
    }

    @Override
    public FeedBatch fetch(Path dir) throws FeedDownloader.UnreachableException, FeedDownloader.ChecksumException {
        Map<String, String> remember = new HashMap<>();
        Map<URI, Path> notModified = new LinkedHashMap<>();
        int n = 0;
        int changed = 0;
        for (URI url : urls) {
            Path target = dir.resolve((n++) + "-" + FeedDownloader.fileName(url));
            Map<String, String> headers = new HashMap<>();
            String etag = state.get(FeedState.etagKey(url));
            String modified = state.get(FeedState.modifiedKey(url));
            if (etag != null) headers.put("If-None-Match", etag);
            if (modified != null) headers.put("If-Modified-Since", modified);
            FeedDownloader.Fetched f = downloader.fetch(url, target, headers, false);
            if (f.status() == 404 && !optional.contains(url)) {
                throw new FeedDownloader.UnreachableException(url + " answered HTTP 404", null);
            }
            if (f.notModified()) notModified.put(url, target);
            if (f.status() == 200) changed++;
            if (f.status() != 404) validators(remember, url, f);
        }
        if (!notModified.isEmpty() && changed == 0) return FeedBatch.unchanged(Map.of());
        for (Map.Entry<URI, Path> e : notModified.entrySet()) {
            FeedDownloader.Fetched f = downloader.fetch(e.getKey(), e.getValue(), Map.of(), false);
            if (f.status() != 200) throw new FeedDownloader.UnreachableException(e.getKey() + " answered HTTP " + f.status(), null);
            validators(remember, e.getKey(), f);
        }
        return FeedBatch.whole(dir, remember);
    }

    private static void validators(Map<String, String> remember, URI url, FeedDownloader.Fetched f) {
        remember.put(FeedState.etagKey(url), f.etag());
        remember.put(FeedState.modifiedKey(url), f.lastModified());
    }
}
