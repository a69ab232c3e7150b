package io.spyglass.advisory.source;

import io.spyglass.advisory.AdvisoryStore;
import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.progress.ProgressListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One {@code db update} of one source: fetch its feed into a temporary folder, import it, and
 * replace the source in the store. Shared by the CLI and the server's scheduled update. A feed
 * that cannot be fetched or read leaves the store exactly as it was; each outcome carries its source,
 * and its message the URL that failed. How a source is fetched follows from its URL: NVD's API is paged, a Red Hat or Alpine URL
 * ending in {@code /} is a folder read through its index, anything else is a list of files.
 */
public final class FeedUpdate {
    /** How one source's update ended. */
    public sealed interface Outcome {
        String source();
    }

    /** Fetched and imported; {@code changes} may be empty. */
    public record Updated(String source, ImportResult result, ChangeSet changes) implements Outcome {}

    /** The upstream has nothing new since the last update (HTTP 304, no new changes): nothing imported. */
    public record Unchanged(String source) implements Outcome {}

    /** The feed could not be fetched (offline, host down, HTTP error, cut download): the previous data stands. */
    public record Unreachable(String source, String message) implements Outcome {}

    /** The feed was fetched but refused (bad checksum, corrupt archive, store error): the previous data stands. */
    public record Refused(String source, String message) implements Outcome {}

    private final FeedDownloader downloader;
    private final FeedState state;
    private final String nvdApiKey;
    private final int nvdPageSize;
    private final Clock clock;

    /** Without remembered state or NVD key (each run fetches everything). */
    public FeedUpdate(Duration connectTimeout) {
        this(new FeedDownloader(connectTimeout), FeedState.inMemory(), null);
    }

    public FeedUpdate(FeedDownloader downloader, FeedState state, String nvdApiKey) {
        this(downloader, state, nvdApiKey, NvdApiPages.PAGE_SIZE, Clock.systemUTC());
    }

    FeedUpdate(FeedDownloader downloader, FeedState state, String nvdApiKey, int nvdPageSize, Clock clock) {
        this.downloader = downloader;
        this.state = state;
        this.nvdApiKey = nvdApiKey;
        this.nvdPageSize = nvdPageSize;
        this.clock = clock;
    }

    /** Updates {@code source} from {@code urls} into {@code store}. */
    public Outcome update(String source, List<URI> urls, AdvisoryStore store) throws IOException {
        return update(source, urls, store, ProgressListener.NONE);
    }

    /** The same, telling {@code progress} of each download and of the import's files. */
    public Outcome update(String source, List<URI> urls, AdvisoryStore store, ProgressListener progress) throws IOException {
        Importer importer = Importers.forSource(source)
                .orElseThrow(() -> new IllegalArgumentException("unknown source '" + source + "'"));
        Path tmp = Files.createTempDirectory("spyglass-feed-" + source + "-");
        try {
            FeedBatch batch = fetcher(source, urls, downloader.reporting(progress)).fetch(tmp);
            if (batch.unchanged()) {
                state.commit(batch.state());
                return new Unchanged(source);
            }
            ImportResult result = read(source, importer, batch, store, progress);
            ChangeSet changes = store.replaceSource(source, result.records(), result.dataVersion());
            state.commit(batch.state());
            return new Updated(source, result, changes);
        } catch (FeedDownloader.UnreachableException e) {
            return new Unreachable(source, e.getMessage());
        } catch (FeedDownloader.ChecksumException e) {
            return new Refused(source, e.getMessage());
        } catch (AdvisoryImportException | AdvisoryStoreException e) {
            return new Refused(source, e.getMessage());
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    FeedFetch fetcher(String source, List<URI> urls) {
        return fetcher(source, urls, downloader);
    }

    private FeedFetch fetcher(String source, List<URI> urls, FeedDownloader downloader) {
        URI first = urls.get(0);
        boolean folder = urls.size() == 1 && first.getPath() != null && first.getPath().endsWith("/");
        if (source.equals("nvd") && urls.size() == 1 && first.getPath() != null && first.getPath().endsWith("/cves/2.0")) {
            return new NvdApiPages(downloader, state, first, nvdApiKey, nvdPageSize, clock);
        }
        if (source.equals("redhat-csaf") && folder) return new CsafVexArchive(downloader, state, first);
        if (source.equals("alpine") && folder) return new AlpineSecdbBranches(downloader, state, first);
        return new FeedFiles(downloader, state, urls, java.util.Set.of());
    }

    // The whole feed, or the stored records with the changed ones laid over them by id.
    private static ImportResult read(String source, Importer importer, FeedBatch batch, AdvisoryStore store, ProgressListener progress) {
        ImportResult base = batch.whole().isEmpty() ? null : importer.read(batch.whole(), progress);
        if (batch.changes().isEmpty() && batch.deletedIds().isEmpty()) return base;
        Map<String, SourceRecord> byId = new LinkedHashMap<>();
        for (SourceRecord r : base != null ? base.records() : store.load(source)) byId.put(r.id(), r);
        List<ImportProblem> problems = new ArrayList<>(base != null ? base.problems() : List.of());
        int files = base != null ? base.files() : 0;
        String version = base != null ? base.dataVersion() : null;
        if (!batch.changes().isEmpty()) {
            ImportResult changed = importer.read(batch.changes(), progress);
            for (SourceRecord r : changed.records()) byId.put(r.id(), r);
            problems.addAll(changed.problems());
            files += changed.files();
            if (changed.dataVersion() != null) version = changed.dataVersion();
        }
        batch.deletedIds().forEach(byId::remove);
        return new ImportResult(source, new ArrayList<>(byId.values()), problems, files, version);
    }
}
