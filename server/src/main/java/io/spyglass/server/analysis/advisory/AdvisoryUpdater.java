package io.spyglass.server.analysis.advisory;

import io.spyglass.server.analysis.job.Worker;
import io.spyglass.advisory.source.FeedConfig;
import io.spyglass.advisory.source.FeedDownloader;
import io.spyglass.advisory.source.FeedState;
import io.spyglass.advisory.source.FeedUpdate;
import io.spyglass.server.store.Database;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's scheduled {@code db update} (issue 5). Time is cut into periods of the interval,
 * counted from the epoch, so every node agrees on them without talking. At the start of each
 * period each node tries to take it (row {@code db-update} of analysis_cursor holds the last period
 * taken; the update is conditional, so one node wins); the winner fetches the feeds into the SQL
 * store. The store queues each non-empty change set for re-evaluation, exactly as
 * {@code spyglass db import --data} does. Feeds that cannot be reached leave the data as it is.
 */
public final class AdvisoryUpdater implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdvisoryUpdater.class);
    static final String TURN = "db-update";

    private final Database db;
    private final SqlAdvisoryStore store;
    private final AdvisoryUpdates config;
    private final ScheduledExecutorService timer;
    private final FeedState feedState = FeedState.inMemory();

    private AdvisoryUpdater(Database db, SqlAdvisoryStore store, AdvisoryUpdates config) {
        this.db = db;
        this.store = store;
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Worker.daemon(r, "spyglass-db-update"));
    }

    /** Starts the schedule when {@code config} turns it on; says so once either way. */
    public static AdvisoryUpdater start(Database db, SqlAdvisoryStore store, AdvisoryUpdates config) {
        AdvisoryUpdater u = new AdvisoryUpdater(db, store, config);
        if (config.offline()) {
            log.info("scheduled advisory updates off: this node is offline (--offline)");
        } else if (config.interval() == null) {
            log.info("scheduled advisory updates off (--db-update-interval 0)");
        } else {
            log.info("advisory data updated every {} by one of the nodes sharing this database{}",
                    config.interval().toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                    config.artifact() == null ? "" : ", from " + config.artifact().reference());
            u.timer.execute(u::tick);
        }
        return u;
    }

    private void tick() {
        long every = config.interval().toMillis();
        long period = System.currentTimeMillis() / every;
        try {
            if (take(period)) runOnce();
        } catch (IOException | RuntimeException e) {
            log.warn("scheduled advisory update failed, kept the advisory data as it is: {}", e.toString());
        } finally {
            long next = Math.max(1_000, (period + 1) * every - System.currentTimeMillis());
            try {
                timer.schedule(this::tick, next, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the node is stopping
            }
        }
    }

    /** Takes {@code period} for this node; false when another node has taken it (or a later one). */
    public boolean take(long period) {
        return db.inTransaction(h -> {
            h.createUpdate("INSERT INTO analysis_cursor (name, last_id) VALUES (:n, -1) ON CONFLICT (name) DO NOTHING")
                    .bind("n", TURN).execute();
            // a second node waits on the row lock, then sees the new value and updates nothing
            return h.createUpdate("UPDATE analysis_cursor SET last_id = :p WHERE name = :n AND last_id < :p")
                    .bind("p", period).bind("n", TURN).execute() > 0;
        });
    }

    /** Fetches and imports every configured feed (or pulls the advisory artifact) now; returns the line it logged. */
    public String runOnce() throws IOException {
        if (config.artifact() != null) return ArtifactUpdate.run(config.artifact(), store);
        FeedConfig feeds = FeedConfig.load(config.feedConfig());
        // validators and cursors live as long as this process: a node that restarts fetches in full once
        FeedUpdate update = new FeedUpdate(new FeedDownloader(Duration.ofSeconds(10)), feedState, feeds.nvdApiKey());
        List<FeedUpdate.Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<URI>> feed : feeds.feeds().entrySet()) {
            if (Thread.currentThread().isInterrupted()) break;
            outcomes.add(update.update(feed.getKey(), feed.getValue(), store));
        }
        String line = summary(outcomes);
        if (outcomes.stream().allMatch(o -> o instanceof FeedUpdate.Updated || o instanceof FeedUpdate.Unchanged)) log.info(line);
        else log.warn(line);
        return line;
    }

    static String summary(List<FeedUpdate.Outcome> outcomes) {
        if (!outcomes.isEmpty() && outcomes.stream().allMatch(o -> o instanceof FeedUpdate.Unreachable)) {
            return "scheduled advisory update: no feed is reachable (offline?), kept the advisory data as it is; first: "
                    + ((FeedUpdate.Unreachable) outcomes.get(0)).message();
        }
        List<String> parts = new ArrayList<>();
        for (FeedUpdate.Outcome o : outcomes) {
            if (o instanceof FeedUpdate.Updated u) {
                parts.add(o.source() + " " + u.result().records().size() + " records, " + u.changes().keys().size() + " changed keys");
            } else if (o instanceof FeedUpdate.Unchanged) {
                parts.add(o.source() + " unchanged");
            } else if (o instanceof FeedUpdate.Unreachable u) {
                parts.add(o.source() + " unreachable, kept (" + u.message() + ")");
            } else if (o instanceof FeedUpdate.Refused r) {
                parts.add(o.source() + " refused, kept (" + r.message() + ")");
            }
        }
        return "scheduled advisory update: " + (parts.isEmpty() ? "no feeds configured" : String.join("; ", parts));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
