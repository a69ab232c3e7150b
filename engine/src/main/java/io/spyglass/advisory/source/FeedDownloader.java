package io.spyglass.advisory.source;

import io.spyglass.progress.ProgressInputStream;
import io.spyglass.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Fetches a source's feed files into a folder, streamed to disk, for its importer to read. Kept
 * apart from parsing: importers never touch the network. Any failed URL fails the whole source, so
 * an update never imports half a feed.
 */
public final class FeedDownloader {
    private final HttpClient http;
    private final Duration timeout;

    public FeedDownloader(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A feed that could not be fetched: the network is down, the host unreachable, or it answered an error. */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Downloads every url into {@code dir}, each under its last path segment. */
    public void fetch(List<URI> urls, Path dir) throws UnreachableException {
        fetch(urls, dir, ProgressListener.NONE);
    }

    /** The same, telling {@code progress} of each file (one task per url) and its bytes as they arrive. */
    public void fetch(List<URI> urls, Path dir, ProgressListener progress) throws UnreachableException {
        int n = 0;
        for (URI url : urls) {
            Path target = dir.resolve((n++) + "-" + fileName(url));
            try {
                HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout.multipliedBy(30)).GET().build();
                HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = resp.body()) {
                    if (resp.statusCode() != 200) throw new UnreachableException(url + " answered HTTP " + resp.statusCode(), null);
                    progress.begin("download " + fileName(url), resp.headers().firstValueAsLong("Content-Length").orElse(-1));
                    try {
                        Files.copy(new ProgressInputStream(body, progress), target, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        progress.end();
                    }
                }
            } catch (IOException e) {
                throw new UnreachableException(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreachableException(url + ": interrupted", e);
            }
        }
    }

    static String fileName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() || !last.matches("[A-Za-z0-9._-]+") ? "feed.json" : last;
    }
}
