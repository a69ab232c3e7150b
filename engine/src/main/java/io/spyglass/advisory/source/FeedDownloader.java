package io.spyglass.advisory.source;

import io.spyglass.progress.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Fetches one feed file to disk, streamed, for an importer to read. Kept apart from parsing:
 * importers never touch the network. Conditional (sends the validators it is given), checks that
 * the body is whole (Content-Length) and matches a checksum the server publishes ({@code x-goog-hash}
 * on osv.dev's bucket), and waits out rate limits (429/503, and 403 where the caller says the host
 * uses it for that, as NVD does) honouring {@code Retry-After}.
 */
public final class FeedDownloader {
    static final int ATTEMPTS = 4;
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(6);
    private static final long MAX_TEXT = 64L << 20;

    /** Waits; tests pass one that only records (the NVD pacing and Retry-After waits). */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final ProgressListener progress;

    public FeedDownloader(Duration timeout) {
        this(timeout, d -> Thread.sleep(d.toMillis()));
    }

    public FeedDownloader(Duration timeout, Sleeper sleeper) {
        this(HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build(), timeout, sleeper,
                ProgressListener.NONE);
    }

    private FeedDownloader(HttpClient http, Duration timeout, Sleeper sleeper, ProgressListener progress) {
        this.http = http;
        this.timeout = timeout;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /** The same downloader telling {@code progress} of each file (one task per download) and its bytes as they arrive. */
    public FeedDownloader reporting(ProgressListener progress) {
        return new FeedDownloader(http, timeout, sleeper, progress);
    }

    Sleeper sleeper() {
        return sleeper;
    }

    /** A feed that could not be fetched: the network is down, the host unreachable, it answered an error, or the download broke off. */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A download whose bytes do not match the checksum its server publishes: never imported. */
    public static final class ChecksumException extends Exception {
        public ChecksumException(String message) {
            super(message);
        }
    }

    /**
     * One answer: {@code 200} (body written, with its sha-256), {@code 304} (unchanged, nothing written)
     * or {@code 404} (nothing there), with the validators to send next time.
     */
    public record Fetched(int status, String etag, String lastModified, String sha256) {
        public boolean notModified() {
            return status == 304;
        }
    }

    /**
     * GETs {@code url} into {@code target}.
     *
     * @param headers       extra request headers ({@code If-None-Match}, {@code apiKey}…); never logged
     * @param forbiddenIsRateLimit true for hosts that answer 403 when a client goes too fast (NVD)
     */
    public Fetched fetch(URI url, Path target, Map<String, String> headers, boolean forbiddenIsRateLimit)
            throws UnreachableException, ChecksumException {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(timeout.multipliedBy(30)).GET();
            headers.forEach(req::header);
            try {
                HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                try (InputStream body = resp.body()) {
                    if (status == 200) return save(url, resp.headers(), body, target);
                    if (status == 304 || status == 404) {
                        return new Fetched(status, first(resp.headers(), "ETag"), first(resp.headers(), "Last-Modified"), null);
                    }
                    boolean limited = status == 429 || status == 503 || (status == 403 && forbiddenIsRateLimit);
                    if (!limited || attempt >= ATTEMPTS) throw new UnreachableException(url + " answered HTTP " + status, null);
                }
                sleeper.sleep(retryAfter(resp.headers(), attempt));
            } catch (IOException e) {
                throw new UnreachableException(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreachableException(url + ": interrupted", e);
            }
        }
    }

    /** A small text answer (an index page, {@code archive_latest.txt}, {@code changes.csv}); null on 404. */
    public String text(URI url, Path scratch) throws UnreachableException, ChecksumException {
        Fetched f = fetch(url, scratch, Map.of(), false);
        if (f.status() == 404) return null;
        try {
            if (Files.size(scratch) > MAX_TEXT) throw new UnreachableException(url + " is larger than " + MAX_TEXT + " bytes", null);
            return Files.readString(scratch);
        } catch (IOException e) {
            throw new UnreachableException(url + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException ignored) {
                // a scratch file in the update's own temporary folder, removed with it
            }
        }
    }

    private Fetched save(URI url, HttpHeaders headers, InputStream body, Path target)
            throws IOException, UnreachableException, ChecksumException {
        MessageDigest sha = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        long written = 0;
        // the client's request timeout ends at the headers: a body that stalls would wait forever
        StallGuard guard = new StallGuard(body, timeout.multipliedBy(3));
        progress.begin("download " + fileName(url), headers.firstValueAsLong("Content-Length").orElse(-1));
        try (guard; InputStream in = new DigestInputStream(new DigestInputStream(body, sha), md5);
             OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                written += n;
                guard.progress();
                progress.advance(n);
            }
        } catch (IOException e) {
            progress.end();
            Files.deleteIfExists(target);
            String why = guard.stalled() ? "no data for " + timeout.multipliedBy(3).toSeconds() + " s" : e.getMessage();
            throw new UnreachableException("download of " + url + " broke off after " + written + " bytes: " + why, e);
        }
        progress.end();
        OptionalLong length = headers.firstValueAsLong("Content-Length");
        // the client usually notices a short body itself; this also covers a server that closes early without it
        if (length.isPresent() && written != length.getAsLong() && headers.firstValue("Content-Encoding").isEmpty()) {
            Files.deleteIfExists(target);
            throw new UnreachableException("download of " + url + " broke off after " + written + " of " + length.getAsLong() + " bytes", null);
        }
        String published = googMd5(headers);
        String got = Base64.getEncoder().encodeToString(md5.digest());
        if (published != null && !published.equals(got)) {
            Files.deleteIfExists(target);
            throw new ChecksumException(url + " does not match its published MD5 (x-goog-hash md5=" + published + ", got " + got + ")");
        }
        return new Fetched(200, first(headers, "ETag"), first(headers, "Last-Modified"), HexFormat.of().formatHex(sha.digest()));
    }

    // Google Cloud Storage (osv.dev's bucket) sends "x-goog-hash: crc32c=…,md5=…" (or one header per hash)
    static String googMd5(HttpHeaders headers) {
        for (String value : headers.allValues("x-goog-hash")) {
            for (String part : value.split(",")) {
                String p = part.trim();
                if (p.startsWith("md5=")) return p.substring(4);
            }
        }
        return null;
    }

    private static Duration retryAfter(HttpHeaders headers, int attempt) {
        String v = first(headers, "Retry-After");
        if (v != null && v.trim().matches("\\d{1,5}")) return Duration.ofSeconds(Long.parseLong(v.trim()));
        return DEFAULT_BACKOFF.multipliedBy(attempt);
    }

    private static String first(HttpHeaders headers, String name) {
        return headers.firstValue(name).orElse(null);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A safe local file name for a URL: its last path segment, or {@code feed.json}. */
    static String fileName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1).replace(' ', '_');
        if (last.isBlank() || !last.matches("[A-Za-z0-9._-]+")) return "feed.json";
        // an API path without an extension answers json (the Debian tracker's /tracker/data/json)
        return last.contains(".") ? last : last + ".json";
    }
}
