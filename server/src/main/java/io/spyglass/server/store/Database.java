package io.spyglass.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The metadata database: a connection pool, Jdbi on top, and the Flyway migrations in
 * {@code db/migration} applied on open. The same SQL runs on SQLite (default, WAL mode, busy
 * timeout so the admin CLI can write while the server runs) and on PostgreSQL.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final boolean postgres;
    private final WalCheckpoints checkpoints; // SQLite only
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);
    private static final int ATTEMPTS = 3;
    /** PostgreSQL's deadlock_detected and serialization_failure. */
    private static final java.util.Set<String> RETRYABLE = java.util.Set.of("40P01", "40001");

    /**
     * One parser, and so one cache of parsed statements, for every database this JVM opens: parsing
     * a statement runs an ANTLR lexer, which a fresh instance would otherwise pay again for every
     * statement that the registry warm-up's throwaway instance has already parsed. Parsing depends
     * on the text alone, so sharing is safe.
     */
    private static final org.jdbi.v3.core.statement.SqlParser SQL_PARSER = new org.jdbi.v3.core.statement.ColonPrefixSqlParser();

    private Database(HikariDataSource pool, boolean postgres, WalCheckpoints checkpoints) {
        this.pool = pool;
        this.checkpoints = checkpoints;
        this.jdbi = Jdbi.create(pool);
        jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setSqlParser(SQL_PARSER);
        this.postgres = postgres;
    }

    /** Opens the pool and migrates the schema to the newest version. */
    public static Database open(DatabaseConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.url());
        hc.setPoolName("spyglass-db");
        if (config.isPostgres()) {
            if (config.user() != null) hc.setUsername(config.user());
            if (config.password() != null) hc.setPassword(config.password());
            hc.setMaximumPoolSize(16);
        } else {
            createParent(config.url().substring("jdbc:sqlite:".length()));
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("busy_timeout", "15000");
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            // WalCheckpoints checkpoints on its own thread, not the committing writer; the log
            // file is cut back to 64 MB when a checkpoint has emptied it
            hc.addDataSourceProperty("wal_autocheckpoint", "0");
            hc.addDataSourceProperty("journal_size_limit", String.valueOf(64L * 1024 * 1024));
            // IMMEDIATE: a transaction takes the write lock up front, so two writers wait on the
            // busy timeout instead of failing with SQLITE_BUSY when a reader upgrades
            hc.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            hc.setMaximumPoolSize(8);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            // the pool says only "the connection attempt failed": name the database and the cause
            throw new IllegalStateException("cannot open the database '" + config.redactedUrl() + "': " + causes(e), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, config.isPostgres(), config.isPostgres() ? null : WalCheckpoints.start(pool));
    }

    /** The messages of {@code e} and its causes, each once, as one line. */
    private static String causes(Throwable e) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (messages.stream().noneMatch(seen -> seen.contains(m))) messages.add(m);
        }
        return DatabaseConfig.redact(String.join(": ", messages));
    }

    private static void createParent(String file) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + parent, e);
        }
    }

    /** Publishes the pool's meters ({@code hikaricp_connections_*}) to {@code registry}. */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        pool.setMetricRegistry(registry);
    }

    /** Asks the database a trivial question; throws when it does not answer. */
    public void ping() {
        jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    /** Migrations this build knows that the database has not applied (0 once {@link #open} migrated it). */
    public int pendingMigrations() {
        return Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().info().pending().length;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isPostgres() {
        return postgres;
    }

    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        return jdbi.inTransaction(callback);
    }

    /**
     * A transaction that is run again (at most {@value #ATTEMPTS} times in all, each retry logged)
     * when PostgreSQL aborts it as a deadlock victim or a serialization failure. Only for
     * transactions that may simply be repeated: the lock order of the analysis tables is what
     * keeps deadlocks away; this is the second line, and {@link #retries()} counts its use.
     */
    public <R, X extends Exception> R inTransactionRetrying(String what, HandleCallback<R, X> callback) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(callback);
            } catch (org.jdbi.v3.core.JdbiException e) {
                String state = sqlState(e);
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(state)) throw e;
                retries.incrementAndGet();
                log.warn("{}: aborted by the database (SQLState {}, attempt {} of {}), running it again: {}",
                        what, state, attempt, ATTEMPTS, e.getCause() == null ? e.toString() : e.getCause().getMessage());
            }
        }
    }

    /** How often {@link #inTransactionRetrying} had to run a transaction again since this pool opened. */
    public long retries() {
        return retries.get();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null) return s.getSQLState();
        }
        return "";
    }

    public <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /**
     * The next id of a named sequence. Portable (an upsert with RETURNING) and, inside a
     * transaction, the sequence row stays locked until commit, so ids appear in commit order.
     */
    public static long nextId(Handle handle, String sequence) {
        return handle.createQuery("INSERT INTO id_sequences (name, next_value) VALUES (:name, 1) "
                        + "ON CONFLICT (name) DO UPDATE SET next_value = id_sequences.next_value + 1 RETURNING next_value")
                .bind("name", sequence)
                .mapTo(Long.class)
                .one();
    }

    /** The first of {@code count} consecutive ids of a named sequence, taken at once (for batched inserts). */
    public static long nextIds(Handle handle, String sequence, int count) {
        if (count < 1) throw new IllegalArgumentException("count must be positive: " + count);
        long last = handle.createQuery("INSERT INTO id_sequences (name, next_value) VALUES (:name, :count) "
                        + "ON CONFLICT (name) DO UPDATE SET next_value = id_sequences.next_value + :count RETURNING next_value")
                .bind("name", sequence)
                .bind("count", count)
                .mapTo(Long.class)
                .one();
        return last - count + 1;
    }

    public static long now() {
        return System.currentTimeMillis();
    }

    @Override
    public void close() {
        if (checkpoints != null) checkpoints.close();
        pool.close();
    }
}
