package io.spyglass.server.ops;

import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.server.store.blob.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Whether this node can serve: the database answers, the blob store answers, and the schema has
 * every migration this build knows. Each check has a deadline, so a stopped database makes
 * {@code /readyz} say so in seconds instead of waiting out the pool's timeout.
 */
final class Readiness {
    static final String OK = "ok";
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** Each check by name ({@code database}, {@code blobStore}, {@code migrations}): "ok" or what is wrong. */
    record Report(Map<String, String> checks) {
        Report {
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        boolean ready() {
            return checks.values().stream().allMatch(OK::equals);
        }

        java.util.List<String> failed() {
            return checks.entrySet().stream().filter(e -> !OK.equals(e.getValue())).map(Map.Entry::getKey).toList();
        }
    }

    private final BoundedCall<Boolean> database;
    private final BoundedCall<Integer> migrations;
    private final BoundedCall<Boolean> blobStore;

    Readiness(Database db, BlobStore blobs) {
        this.database = new BoundedCall<>("ready-database", () -> {
            db.ping();
            return true;
        });
        this.migrations = new BoundedCall<>("ready-migrations", db::pendingMigrations);
        this.blobStore = new BoundedCall<>("ready-blobs", () -> {
            try {
                // a lookup, not a write: it proves the folder or bucket answers, and changes nothing
                blobs.driver().exists("blobs");
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    Report check() throws InterruptedException {
        Map<String, String> checks = new LinkedHashMap<>();
        String db = outcome(database, r -> OK);
        checks.put("database", db);
        checks.put("blobStore", outcome(blobStore, r -> OK));
        checks.put("migrations", !OK.equals(db) ? "not checked: the database does not answer"
                : outcome(migrations, pending -> pending == 0 ? OK : pending + " migrations not applied yet"));
        return new Report(checks);
    }

    private static <T> String outcome(BoundedCall<T> call, java.util.function.Function<T, String> verdict) throws InterruptedException {
        try {
            return verdict.apply(call.get(DEADLINE));
        } catch (TimeoutException e) {
            return "no answer within " + DEADLINE.toSeconds() + " s";
        } catch (RuntimeException e) {
            return DatabaseConfig.redact(firstMessage(e));
        }
    }

    private static String firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
