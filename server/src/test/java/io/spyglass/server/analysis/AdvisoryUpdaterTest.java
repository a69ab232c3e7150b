package io.spyglass.server.analysis;

import io.spyglass.server.analysis.advisory.AdvisoryUpdater;
import io.spyglass.server.analysis.advisory.AdvisoryUpdates;
import io.spyglass.server.analysis.advisory.SqlAdvisoryStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.spyglass.server.ServerConfig;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.server.testing.PostgresFixture;
import io.spyglass.testing.SharedData;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's scheduled {@code db update}, fetching a real Arch AVG feed from a real local HTTP
 * server: its change set re-evaluates the stored reports, one node takes each period, and an
 * offline node or an unreachable feed keeps the data as it is.
 */
class AdvisoryUpdaterTest {
    /** anchore/vunnel's Arch fixture: openssl < 3.2.0-1 is affected by CVE-2024-5678 and -5679. */
    static final String ARCH_ALL = "data/advisories/distro-samples/arch/anchore/vunnel/tests/unit/providers/arch/test-fixtures/input/arch-advisories/all.json";
    /** aquasecurity/vuln-list-update's Arch sample: curl and bzip2 only, nothing in the corpus Arch image. */
    static final String ARCH_OTHER = "data/advisories/vuln-list-update-testdata/arch/testdata/archlinux.json";

    @TempDir
    Path dir;

    final AtomicReference<Path> served = new AtomicReference<>();
    final AtomicInteger requests = new AtomicInteger();
    HttpServer feed;

    @AfterEach
    void stopFeed() {
        if (feed != null) feed.stop(0);
    }

    @Test
    void eachUpdateReevaluatesTheReportsItsChangeSetTouches() throws Exception {
        Skopeo.assumeInstalled();
        Path arch = SharedData.requireCorpus("arch/oci");
        served.set(SharedData.require(ARCH_OTHER));
        Path feeds = startFeed();
        try (ServerFixture fx = ServerFixture.start(config(dir.resolve("data"), new AdvisoryUpdates(Duration.ofSeconds(2), false, feeds)))) {
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("acme", owner);
            String repo = fx.analysedRepository(owner, org, "arch", false, "advanced");
            fx.push(dir, owner, "oci:" + arch + ":arch", repo + ":latest");
            JsonNode report = fx.awaitStatus(owner, repo, "latest", "done");
            await(() -> records(fx.server().database()) == 2, "the first feed imported");
            assertThat(ServerFixture.findings(report)).isEmpty();
            long reads = fx.server().analysis().layerReads();

            served.set(SharedData.require(ARCH_ALL));
            report = fx.awaitReport(owner, repo, "latest", r -> !ServerFixture.findings(r).isEmpty());
            assertThat(ServerFixture.findings(report)).containsExactlyInAnyOrder("openssl 3.0.7-1 CVE-2024-5678 critical fixed:3.2.0-1",
                    "openssl 3.0.7-1 CVE-2024-5679 critical fixed:3.2.0-1");
            assertThat(fx.server().analysis().layerReads()).as("re-evaluation reads no layer").isEqualTo(reads);
            assertThat(records(fx.server().database())).isEqualTo(6);
        }
    }

    @Test
    void oneOfTheNodesSharingADatabaseTakesEachPeriod() throws Exception {
        served.set(SharedData.require(ARCH_ALL));
        Path feeds = startFeed();
        Duration hour = Duration.ofHours(1);
        long period = System.currentTimeMillis() / hour.toMillis();
        ServerConfig cfg = config(dir.resolve("data"), new AdvisoryUpdates(hour, false, feeds));
        try (ServerFixture a = ServerFixture.start(cfg); ServerFixture b = ServerFixture.start(cfg)) {
            await(() -> records(a.server().database()) == 6, "the feed imported");
            Thread.sleep(1_500);
            assumeThat(System.currentTimeMillis() / hour.toMillis()).as("the hour turned during the test").isEqualTo(period);
            assertThat(requests.get()).as("feed fetches by two nodes in one period").isEqualTo(1);
        }
        try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("data")))) {
            AdvisoryUpdater node = AdvisoryUpdater.start(db, new SqlAdvisoryStore(db), AdvisoryUpdates.OFF);
            assertThat(node.take(period)).as("a period already taken").isFalse();
            assertThat(node.take(period + 1)).isTrue();
            assertThat(node.take(period + 1)).isFalse();
            node.close();
        }
    }

    @Test
    void nodesRacingOnPostgresTakeEachPeriodOnce() throws Exception {
        String url = PostgresFixture.shared().newDatabase();
        try (Database a = Database.open(new DatabaseConfig(url, null, null)); Database b = Database.open(new DatabaseConfig(url, null, null))) {
            AdvisoryUpdater nodeA = AdvisoryUpdater.start(a, new SqlAdvisoryStore(a), AdvisoryUpdates.OFF);
            AdvisoryUpdater nodeB = AdvisoryUpdater.start(b, new SqlAdvisoryStore(b), AdvisoryUpdates.OFF);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                for (long period = 1; period <= 40; period++) {
                    long p = period;
                    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                    java.util.concurrent.Future<Boolean> ta = pool.submit(() -> {
                        start.await();
                        return nodeA.take(p);
                    });
                    java.util.concurrent.Future<Boolean> tb = pool.submit(() -> {
                        start.await();
                        return nodeB.take(p);
                    });
                    assertThat(List.of(ta.get(), tb.get())).as("period " + p).containsExactlyInAnyOrder(true, false);
                }
            } finally {
                pool.shutdownNow();
                nodeA.close();
                nodeB.close();
            }
        }
    }

    @Test
    void anOfflineNodeNeverFetches() throws Exception {
        served.set(SharedData.require(ARCH_ALL));
        Path feeds = startFeed();
        try (ServerFixture fx = ServerFixture.start(config(dir.resolve("data"), new AdvisoryUpdates(Duration.ofSeconds(1), true, feeds)))) {
            Thread.sleep(2_500);
            assertThat(requests.get()).isZero();
            assertThat(records(fx.server().database())).isZero();
        }
    }

    @Test
    void unreachableFeedsKeepTheDataAndSaySoInOneLine() throws Exception {
        served.set(SharedData.require(ARCH_ALL));
        Path feeds = startFeed();
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Path deadFeeds = feedConfig(dir.resolve("dead.properties"), "arch = http://127.0.0.1:" + dead + "/all.json",
                "go = http://127.0.0.1:" + dead + "/all.zip");
        try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("data")))) {
            SqlAdvisoryStore store = new SqlAdvisoryStore(db);
            AdvisoryUpdater online = AdvisoryUpdater.start(db, store, new AdvisoryUpdates(null, false, feeds));
            assertThat(online.runOnce()).isEqualTo("scheduled advisory update: arch 6 records, 6 changed keys");
            List<String> before = status(store);

            AdvisoryUpdater offline = AdvisoryUpdater.start(db, store, new AdvisoryUpdates(null, false, deadFeeds));
            String line = offline.runOnce();
            assertThat(line).startsWith("scheduled advisory update: no feed is reachable (offline?), kept the advisory data as it is; first: http://127.0.0.1:" + dead);
            assertThat(status(store)).isEqualTo(before);
            online.close();
            offline.close();
        }
    }

    static List<String> status(SqlAdvisoryStore store) {
        return store.status().stream().map(s -> s.source() + " " + s.count() + " " + s.lastImport()).toList();
    }

    static ServerConfig config(Path data, AdvisoryUpdates updates) {
        return new ServerConfig(0, data, null, null, null, false, true, updates);
    }

    static long records(Database db) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM advisory_records WHERE source = 'arch'").mapTo(Long.class).one());
    }

    /** A real HTTP server answering every path with the file in {@link #served}; returns a feed config naming it for arch. */
    Path startFeed() throws Exception {
        feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = Files.readAllBytes(served.get());
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        feed.start();
        return feedConfig(dir.resolve("feeds.properties"), "arch = http://127.0.0.1:" + feed.getAddress().getPort() + "/all.json");
    }

    /** A feed config with {@code lines} and every other source turned off (so no test reaches the internet). */
    static Path feedConfig(Path file, String... lines) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        for (String source : io.spyglass.advisory.source.Importers.names()) text.append(source).append(" =\n");
        for (String line : lines) text.append(line).append('\n');
        return Files.writeString(file, text);
    }

    static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
