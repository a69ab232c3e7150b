package io.spyglass.cli;

import io.spyglass.advisory.source.AdvisoryImportException;
import io.spyglass.advisory.source.FeedConfig;
import io.spyglass.advisory.source.FeedDownloader;
import io.spyglass.advisory.source.FeedState;
import io.spyglass.advisory.source.FeedUpdate;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "update", description = {"Fetch the configured feeds (built-in: each source's upstream) and import each; a source that cannot be fetched keeps its previous data.",
        "Unchanged feeds (HTTP 304) import nothing. NVD API key: env " + FeedConfig.NVD_KEY_ENV + " or 'nvd.api-key = …' in the feed config."})
final class DbUpdateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand DbCommand parent;

    @Option(names = "--config", description = "Feed URLs, lines of 'source = url [url…]' (default: DB/feeds.properties, else built-in feeds).")
    Path config;

    @Option(names = "--source", description = "Update only these sources (repeatable).")
    List<String> only;

    @picocli.CommandLine.Mixin ProgressOptions progress;

    @Option(names = "--from", paramLabel = "oci://REGISTRY/NS/REPO:TAG",
            description = "Pull the advisory artifact that `db push` published instead of the feeds; applies only sources whose layer changed.")
    String from;

    @Option(names = "--insecure", description = "With --from: allow plain http to a registry that is not on this machine.")
    boolean insecure;

    @Option(names = "--timeout", defaultValue = "10", description = "Connect timeout in seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--mirror", paramLabel = "URL", description = "Read every feed from this mirror: https://HOST/PATH is fetched as URL/HOST/PATH (also 'mirror = URL' in the feed config).")
    URI mirror;

    @Override
    public Integer call() throws Exception {
        return parent.closing(this::run);
    }

    private int run() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        io.spyglass.advisory.AdvisoryStore store = parent.advisoryStore();
        if (from != null) return DbArtifacts.update(from, insecure, store, parent.pulledLayers(), out, err);
        Map<String, List<URI>> feeds;
        FeedConfig feedConfig;
        try {
            if (mirror != null && (mirror.getScheme() == null || !mirror.getScheme().startsWith("http") || mirror.getHost() == null)) {
                err.println("--mirror must be an http(s) URL: " + mirror);
                return 2;
            }
            // the NVD API key comes from the environment or the config file, never from the command line
            feedConfig = FeedConfig.load(config != null ? config : DbCommand.folder(parent.db).resolve("feeds.properties"),
                    mirror, System.getenv(FeedConfig.NVD_KEY_ENV));
            feeds = feedConfig.feeds();
        } catch (AdvisoryImportException e) {
            err.println(e.getMessage());
            return 2;
        }
        FeedState state = FeedState.at(DbCommand.folder(parent.db).resolve("feed-state.properties"));
        FeedUpdate downloader = new FeedUpdate(new FeedDownloader(Duration.ofSeconds(timeoutSeconds)), state, feedConfig.nvdApiKey());
        io.spyglass.progress.ProgressListener shown = progress.listener(err);
        List<String> sources = feeds.keySet().stream().filter(s -> only == null || only.contains(s)).toList();
        int failed = 0;
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            // each task's label says which feed of how many: "[2/5 debian] download …"
            if (!update(source, feeds.get(source), downloader, store, new Labelled(shown, "[" + (i + 1) + "/" + sources.size() + " " + source + "] "),
                    out, err)) failed++;
        }
        if (only != null) {
            for (String s : only) {
                if (!feeds.containsKey(s)) {
                    err.println("no feed configured for source '" + s + "'");
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private boolean update(String source, List<URI> urls, FeedUpdate feeds, io.spyglass.advisory.AdvisoryStore store,
                           io.spyglass.progress.ProgressListener progress, PrintWriter out, PrintWriter err) throws IOException {
        FeedUpdate.Outcome outcome = feeds.update(source, urls, store, progress);
        if (outcome instanceof FeedUpdate.Updated u) {
            DbImportCommand.report(out, err, u.result(), u.changes());
            return true;
        }
        if (outcome instanceof FeedUpdate.Unchanged) {
            out.println(source + ": unchanged since the last update, nothing imported");
            return true;
        }
        if (outcome instanceof FeedUpdate.Unreachable u) {
            err.println("offline/unreachable: kept previous data for " + source + " (" + u.message() + ")");
        } else if (outcome instanceof FeedUpdate.Refused r) {
            err.println("update of " + source + " refused, kept previous data: " + r.message());
        }
        return false;
    }

    /** Puts the feed in front of every task label. */
    private record Labelled(io.spyglass.progress.ProgressListener to, String prefix) implements io.spyglass.progress.ProgressListener {
        @Override
        public void begin(String task, long totalBytes) {
            to.begin(prefix + task, totalBytes);
        }

        @Override
        public void advance(long bytes) {
            to.advance(bytes);
        }

        @Override
        public void item(String name) {
            to.item(name);
        }

        @Override
        public void end() {
            to.end();
        }
    }
}
