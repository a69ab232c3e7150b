package io.spyglass.advisory.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/**
 * The NVD CVE API 2.0, page by page ({@code startIndex}/{@code resultsPerPage}), each page a file the
 * NVD importer reads. The first run takes everything; later runs ask only for what changed since the
 * last one ({@code lastModStartDate}/{@code lastModEndDate}, which NVD allows over at most 120 days,
 * so an older cursor means a full run again). NVD's public rate limit is 5 requests per 30 s, 50 with
 * an API key: pages are paced 6 s / 0.6 s apart. The key travels only in the {@code apiKey} header.
 */
final class NvdApiPages implements FeedFetch {
    static final String CURSOR = "cursor nvd last-modified";
    static final int PAGE_SIZE = 2000;
    static final Duration PACE = Duration.ofSeconds(6);
    static final Duration PACE_WITH_KEY = Duration.ofMillis(600);
    private static final Duration MAX_RANGE = Duration.ofDays(120);
    private static final DateTimeFormatter NVD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final FeedDownloader downloader;
    private final FeedState state;
    private final URI api;
    private final String apiKey;
    private final int pageSize;
    private final Clock clock;

    NvdApiPages(FeedDownloader downloader, FeedState state, URI api, String apiKey, int pageSize, Clock clock) {
        this.downloader = downloader;
        this.state = state;
        this.api = api;
        this.apiKey = apiKey;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    @Override
    public FeedBatch fetch(Path dir) throws FeedDownloader.UnreachableException, FeedDownloader.ChecksumException {
        Instant now = clock.instant();
        Instant since = since(now);
        Map<String, String> headers = apiKey == null ? Map.of() : Map.of("apiKey", apiKey);
        Duration pace = apiKey == null ? PACE : PACE_WITH_KEY;
        long start = 0;
        long total = -1;
        for (int page = 0; total < 0 || start < total; page++) {
            if (page > 0) pause(pace);
            URI url = page(since, now, start);
            Path target = dir.resolve(String.format("nvd-page-%06d.json", page));
            FeedDownloader.Fetched f = downloader.fetch(url, target, headers, true);
            if (f.status() != 200) throw new FeedDownloader.UnreachableException(url + " answered HTTP " + f.status(), null);
            long[] counts = counts(url, target);
            total = counts[0];
            if (counts[1] == 0) break;
            start += counts[1];
        }
        Map<String, String> cursor = Map.of(CURSOR, now.toString());
        if (since != null && total == 0) return FeedBatch.unchanged(cursor);
        return since == null ? FeedBatch.whole(dir, cursor)
                : new FeedBatch(false, java.util.List.of(), java.util.List.of(dir), Set.of(), cursor);
    }

    private Instant since(Instant now) {
        String c = state.get(CURSOR);
        if (c == null) return null;
        try {
            Instant since = Instant.parse(c);
            return since.isBefore(now) && Duration.between(since, now).compareTo(MAX_RANGE) < 0 ? since : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private URI page(Instant since, Instant now, long start) {
        String base = api.toString();
        StringBuilder q = new StringBuilder(base).append(base.contains("?") ? "&" : "?");
        if (since != null) {
            q.append("lastModStartDate=").append(time(since)).append("&lastModEndDate=").append(time(now)).append('&');
        }
        return URI.create(q.append("resultsPerPage=").append(pageSize).append("&startIndex=").append(start).toString());
    }

    private static String time(Instant t) {
        return NVD_TIME.format(t).replace("+", "%2B");
    }

    private void pause(Duration d) throws FeedDownloader.UnreachableException {
        try {
            downloader.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedDownloader.UnreachableException(api + ": interrupted", e);
        }
    }

    /** {totalResults, resultsPerPage} from a page's head, streamed (a page is tens of MB). */
    static long[] counts(URI url, Path page) throws FeedDownloader.UnreachableException {
        long total = -1;
        long perPage = -1;
        try (JsonParser p = FeedTrees.JSON.getFactory().createParser(page.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("totalResults") && v.isNumeric()) total = p.getLongValue();
                else if (name.equals("resultsPerPage") && v.isNumeric()) perPage = p.getLongValue();
                else p.skipChildren();
                if (total >= 0 && perPage >= 0) break;
            }
        } catch (IOException e) {
            throw new FeedDownloader.UnreachableException(url + " is not an NVD API page: " + e.getMessage(), e);
        }
        if (total < 0 || perPage < 0) {
            throw new FeedDownloader.UnreachableException(url + " is not an NVD API page (no totalResults/resultsPerPage)", null);
        }
        return new long[] {total, perPage};
    }
}
