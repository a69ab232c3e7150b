package io.spyglass.advisory.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Red Hat's CSAF VEX folder: {@code archive_latest.txt} names the current {@code csaf_vex_DATE.tar.zst}
 * (checked against its {@code .sha256} sidecar where one is published); {@code changes.csv} lists
 * every file with its last change ({@code "2024/cve-2024-1234.json","2024-07-21T10:00:00+00:00"}) and
 * {@code deletions.csv} the files withdrawn. A first run (or a new archive) takes the archive plus the
 * files changed since its date; later runs take only the files changed since the last run.
 */
final class CsafVexArchive implements FeedFetch {
    static final String ARCHIVE = "cursor redhat-csaf archive";
    static final String CHANGES = "cursor redhat-csaf changes";
    private static final Pattern ARCHIVE_NAME = Pattern.compile("csaf_[a-z]+_(\\d{4}-\\d{2}-\\d{2})\\.tar\\.zst");
    private static final Pattern LINE = Pattern.compile("^\"(\\d{4}/[A-Za-z0-9_.-]+\\.json)\",\"([^\"]+)\"$");

    private final FeedDownloader downloader;
    private final FeedState state;
    private final URI folder;

    CsafVexArchive(FeedDownloader downloader, FeedState state, URI folder) {
        this.downloader = downloader;
        this.state = state;
        this.folder = folder;
    }

    private record Change(String path, Instant at) {}

    @Override
    public FeedBatch fetch(Path dir) throws FeedDownloader.UnreachableException, FeedDownloader.ChecksumException {
        String latest = required(folder.resolve("archive_latest.txt"), dir).trim();
        Matcher m = ARCHIVE_NAME.matcher(latest);
        if (!m.matches()) throw new FeedDownloader.UnreachableException(folder + "archive_latest.txt names no csaf_*_DATE.tar.zst archive: " + abbreviate(latest), null);
        List<Change> changes = changes(folder.resolve("changes.csv"), required(folder.resolve("changes.csv"), dir));
        String deletionsText = downloader.text(folder.resolve("deletions.csv"), dir.resolve("deletions.part"));
        List<Change> deletions = deletionsText == null ? List.of() : changes(folder.resolve("deletions.csv"), deletionsText);
        Instant newest = changes.stream().map(Change::at).max(Instant::compareTo).orElse(null);

        Instant since = cursor(latest);
        boolean full = since == null;
        if (full) since = LocalDate.parse(m.group(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
        Path whole = dir.resolve("archive");
        Path changed = dir.resolve("changes");
        try {
            Files.createDirectories(whole);
            Files.createDirectories(changed);
        } catch (IOException e) {
            throw new FeedDownloader.UnreachableException("cannot write " + dir + ": " + e.getMessage(), e);
        }
        if (full) archive(latest, whole.resolve(latest), dir);
        int fetched = 0;
        for (Change c : changes) {
            if (!c.at().isAfter(since)) continue;
            URI url = folder.resolve(c.path());
            FeedDownloader.Fetched f = downloader.fetch(url, changed.resolve(c.path().replace('/', '_')), Map.of(), false);
            if (f.status() != 200) throw new FeedDownloader.UnreachableException(url + " answered HTTP " + f.status(), null);
            fetched++;
        }
        Set<String> deleted = new HashSet<>();
        for (Change d : deletions) if (d.at().isAfter(since)) deleted.add(idOf(d.path()));
        Map<String, String> cursor = new HashMap<>();
        cursor.put(ARCHIVE, latest);
        Instant after = newest != null && newest.isAfter(since) ? newest : since;
        cursor.put(CHANGES, after.toString());
        if (!full && fetched == 0 && deleted.isEmpty()) return FeedBatch.unchanged(cursor);
        return new FeedBatch(false, full ? List.of(whole) : List.of(), fetched == 0 ? List.of() : List.of(changed), deleted, cursor);
    }

    private Instant cursor(String latest) {
        if (!latest.equals(state.get(ARCHIVE)) || state.get(CHANGES) == null) return null;
        try {
            return Instant.parse(state.get(CHANGES));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void archive(String name, Path target, Path dir) throws FeedDownloader.UnreachableException, FeedDownloader.ChecksumException {
        URI url = folder.resolve(name);
        FeedDownloader.Fetched f = downloader.fetch(url, target, Map.of(), false);
        if (f.status() != 200) throw new FeedDownloader.UnreachableException(url + " answered HTTP " + f.status(), null);
        String sidecar = downloader.text(folder.resolve(name + ".sha256"), dir.resolve("sha256.part"));
        if (sidecar == null) return;
        String published = sidecar.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!published.equals(f.sha256())) {
            throw new FeedDownloader.ChecksumException(url + " does not match its published sha256 (" + name + ".sha256 says "
                    + abbreviate(published) + ", got " + f.sha256() + ")");
        }
    }

    private String required(URI url, Path dir) throws FeedDownloader.UnreachableException, FeedDownloader.ChecksumException {
        String text = downloader.text(url, dir.resolve("text.part"));
        if (text == null) throw new FeedDownloader.UnreachableException(url + " answered HTTP 404", null);
        return text;
    }

    private static List<Change> changes(URI url, String csv) throws FeedDownloader.UnreachableException {
        List<Change> out = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) continue;
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) continue; // a path we could not fetch safely is skipped, never followed
            try {
                out.add(new Change(m.group(1), java.time.OffsetDateTime.parse(m.group(2)).toInstant()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new FeedDownloader.UnreachableException(url + " has a bad time in line: " + abbreviate(line), e);
            }
        }
        return out;
    }

    /** {@code 2024/cve-2024-1234.json} → {@code CVE-2024-1234}, the id its VEX document carries. */
    static String idOf(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.substring(0, base.length() - ".json".length()).toUpperCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
