package io.spyglass.advisory.source;

import io.spyglass.advisory.AdvisoryStore;
import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.progress.ProgressListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One {@code db update} of one source: fetch its feed into a temporary folder, import it, and
 * replace the source in the store. Shared by the CLI and the server's scheduled update. A feed
 * that cannot be fetched or read leaves the store exactly as it was.
 */
public final class FeedUpdate {
    /** How one source's update ended. */
    public sealed interface Outcome {
        String source();
    }

    /** Fetched and imported; {@code changes} may be empty. */
    public record Updated(String source, ImportResult result, ChangeSet changes) implements Outcome {}

    /** The feed could not be fetched (offline, host down, HTTP error): the previous data stands. */
    public record Unreachable(String source, String message) implements Outcome {}

    /** The feed was fetched but refused (bad archive, store error): the previous data stands. */
    public record Refused(String source, String message) implements Outcome {}

    private final FeedDownloader downloader;

    public FeedUpdate(Duration connectTimeout) {
        this.downloader = new FeedDownloader(connectTimeout);
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
            downloader.fetch(urls, tmp, progress);
            ImportResult result = importer.read(List.of(tmp), progress);
            ChangeSet changes = store.replaceSource(source, result.records(), result.dataVersion());
            return new Updated(source, result, changes);
        } catch (FeedDownloader.UnreachableException e) {
            return new Unreachable(source, e.getMessage());
        } catch (AdvisoryImportException | AdvisoryStoreException e) {
            return new Refused(source, e.getMessage());
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
