package io.spyglass.advisory.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.FileAdvisoryStore;
import io.spyglass.advisory.SourceRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db update} against a local mirror laid out like every upstream (see {@link FeedMirror}):
 * each default source updates through {@code --mirror}; NVD pages under its rate limit; a second run
 * is answered 304; a cut download, a corrupt archive and a bad checksum leave the old data.
 */
class FeedUpdateMirrorTest {
    @TempDir Path tmp;
    FeedMirror mirror;
    FileAdvisoryStore store;
    final List<Duration> slept = new CopyOnWriteArrayList<>();
    final FeedDownloader downloader = new FeedDownloader(Duration.ofSeconds(2), slept::add);

    @BeforeEach
    void start() throws Exception {
        mirror = new FeedMirror(ImporterFixtures.advisories(""));
        store = new FileAdvisoryStore(tmp.resolve("db"));
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    private FeedConfig config() {
        return FeedConfig.load(tmp.resolve("absent.properties"), mirror.base(), null);
    }

    private FeedUpdate update(FeedState state, String key, int nvdPageSize) {
        return new FeedUpdate(downloader, state, key, nvdPageSize, Clock.fixed(Instant.parse("2026-12-05T06:00:00Z"), ZoneOffset.UTC));
    }

    private FeedUpdate.Outcome run(FeedUpdate u, String source) throws Exception {
        return u.update(source, config().feeds().get(source), store);
    }

    private List<String> ids(String source) {
        return store.load(source).stream().map(SourceRecord::id).toList();
    }

    @Test
    void defaultsNameTheRealUpstreamOfEverySource() {
        Map<String, String> hosts = Map.ofEntries(Map.entry("ghsa", "osv-vulnerabilities.storage.googleapis.com"),
                Map.entry("go", "osv-vulnerabilities.storage.googleapis.com"), Map.entry("pypa", "osv-vulnerabilities.storage.googleapis.com"),
                Map.entry("ubuntu", "osv-vulnerabilities.storage.googleapis.com"), Map.entry("rubysec", "github.com"),
                Map.entry("friendsofphp", "github.com"), Map.entry("alpine", "secdb.alpinelinux.org"),
                Map.entry("debian", "security-tracker.debian.org"), Map.entry("arch", "security.archlinux.org"),
                Map.entry("wolfi", "packages.wolfi.dev"), Map.entry("chainguard", "packages.cgr.dev"),
                Map.entry("redhat-csaf", "security.access.redhat.com"), Map.entry("nvd", "services.nvd.nist.gov"),
                Map.entry("kev", "www.cisa.gov"), Map.entry("epss", "epss.empiricalsecurity.com"));
        FeedConfig defaults = FeedConfig.load(tmp.resolve("absent.properties"), null, null);
        assertThat(defaults.feeds().keySet()).containsExactlyInAnyOrderElementsOf(hosts.keySet());
        defaults.feeds().forEach((source, urls) -> assertThat(urls).as(source).isNotEmpty().allSatisfy(u -> {
            assertThat(u.getScheme()).isEqualTo("https");
            assertThat(u.getHost()).isEqualTo(hosts.get(source));
        }));
        assertThat(defaults.feeds().get("ghsa")).extracting(URI::getPath).contains("/npm/all.zip", "/Maven/all.zip",
                "/NuGet/all.zip", "/RubyGems/all.zip", "/Packagist/all.zip", "/GitHub Actions/all.zip");
        assertThat(defaults.feeds().get("go")).extracting(URI::toString).containsExactly("https://osv-vulnerabilities.storage.googleapis.com/Go/all.zip");
        assertThat(defaults.feeds().get("pypa")).extracting(URI::getPath).containsExactly("/PyPI/all.zip");
        assertThat(defaults.feeds().get("ubuntu")).extracting(URI::getPath).containsExactly("/Ubuntu/all.zip");
        assertThat(defaults.feeds().get("nvd")).extracting(URI::toString).containsExactly("https://services.nvd.nist.gov/rest/json/cves/2.0");
        assertThat(defaults.feeds().get("redhat-csaf")).extracting(URI::toString).containsExactly("https://security.access.redhat.com/data/csaf/v2/vex/");
    }

    @Test
    void everyDefaultSourceUpdatesFromTheMirrorThenAnswers304() throws Exception {
        FeedState state = FeedState.at(tmp.resolve("feed-state.properties"));
        FeedUpdate u = update(state, null, 3);
        for (String source : config().feeds().keySet()) {
            FeedUpdate.Outcome o = run(u, source);
            assertThat(o).as(source + ": " + o).isInstanceOf(FeedUpdate.Updated.class);
            assertThat(store.load(source)).as(source).isNotEmpty();
        }
        assertThat(ids("go")).allMatch(id -> id.startsWith("GO-2022-"));
        assertThat(ids("pypa")).anyMatch(id -> id.startsWith("PYSEC-"));
        assertThat(ids("ghsa")).anyMatch(id -> id.startsWith("GHSA-"));
        assertThat(ids("nvd")).contains("CVE-2022-3602", "CVE-2024-5535", "CVE-2025-30066").hasSize(8);
        assertThat(ids("kev")).contains("CVE-2021-44228");
        // every branch the secdb index lists, the community file missing on v3.2 is fine
        assertThat(store.load("alpine")).flatExtracting(r -> ((Advisory) r).affected()).extracting(a -> a.namespace())
                .contains("alpine:3.16", "alpine:3.2", "alpine:edge");
        // the archive's documents and the one changed after it
        assertThat(mirror.requests).contains("/security.access.redhat.com/data/csaf/v2/vex/2024/rhsa-2024_6163.json");
        assertThat(mirror.requests).noneMatch(r -> r.endsWith("/2023/rhsa-2023_3821.json"));
        int redhat = store.load("redhat-csaf").size();
        assertThat(redhat).isGreaterThan(0);

        // a new run (state read back from its file) sends the validators and imports nothing
        FeedUpdate again = new FeedUpdate(downloader, FeedState.at(tmp.resolve("feed-state.properties")), null, 3,
                Clock.fixed(Instant.parse("2026-12-05T07:00:00Z"), ZoneOffset.UTC));
        mirror.requests.clear();
        for (String source : config().feeds().keySet()) {
            assertThat(run(again, source)).as(source).isInstanceOf(FeedUpdate.Unchanged.class);
        }
        // NVD is asked only for what changed since the last run, Red Hat's archive is not fetched again
        assertThat(mirror.requests).filteredOn(r -> r.contains("/cves/2.0")).allMatch(r -> r.contains("lastModStartDate=")
                && r.contains("lastModEndDate="));
        assertThat(mirror.requests).noneMatch(r -> r.endsWith(FeedMirror.ARCHIVE));
        assertThat(store.load("redhat-csaf")).hasSize(redhat);
    }

    @Test
    void nvdPagesThroughTheApiPacedByItsRateLimit() throws Exception {
        FeedUpdate u = update(FeedState.inMemory(), null, 3);
        assertThat(run(u, "nvd")).isInstanceOf(FeedUpdate.Updated.class);
        List<String> pages = mirror.requests.stream().filter(r -> r.contains("/cves/2.0")).toList();
        assertThat(pages).containsExactly(FeedMirror.NVD + "?resultsPerPage=3&startIndex=0",
                FeedMirror.NVD + "?resultsPerPage=3&startIndex=3", FeedMirror.NVD + "?resultsPerPage=3&startIndex=6");
        assertThat(slept).containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(6));
        assertThat(ids("nvd")).hasSize(8);
        assertThat(mirror.apiKeys).isEmpty();
    }

    @Test
    void nvdWithAnApiKeySendsItAsAHeaderGoesFasterAndWaitsOutA429() throws Exception {
        mirror.nvdThrottle = 1;
        FeedUpdate u = update(FeedState.inMemory(), "secret-key-123", 3);
        assertThat(run(u, "nvd")).isInstanceOf(FeedUpdate.Updated.class);
        assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(600), Duration.ofMillis(600));
        assertThat(mirror.apiKeys).hasSize(4).containsOnly("secret-key-123");
        assertThat(mirror.requests).noneMatch(r -> r.contains("secret-key-123"));
    }

    @Test
    void nvdIncrementLaysChangedRecordsOverTheStoredOnes() throws Exception {
        FeedState state = FeedState.inMemory();
        assertThat(run(update(state, null, 3), "nvd")).isInstanceOf(FeedUpdate.Updated.class);
        var changed = mirror.nvdCves.get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed).put("lastModified", "2026-12-06T00:00:00.000");
        mirror.nvdChanged.add(changed);
        FeedUpdate later = new FeedUpdate(downloader, state, null, 3, Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), ZoneOffset.UTC));
        FeedUpdate.Outcome o = later.update("nvd", config().feeds().get("nvd"), store);
        assertThat(o).isInstanceOf(FeedUpdate.Updated.class);
        assertThat(((FeedUpdate.Updated) o).changes().changed()).isEqualTo(1);
        assertThat(ids("nvd")).hasSize(8);
        assertThat(mirror.requests).anyMatch(r -> r.contains("lastModStartDate=2026-12-05T06:00:00.000%2B00:00")
                && r.contains("lastModEndDate=2026-12-06T06:00:00.000%2B00:00"));
    }

    @Test
    void aDownloadCutMidwayKeepsTheOldDataAndNamesTheFeed() throws Exception {
        FeedUpdate u = update(FeedState.inMemory(), null, 3);
        assertThat(run(u, "go")).isInstanceOf(FeedUpdate.Updated.class);
        List<String> before = ids("go");
        String zip = FeedMirror.OSV + "Go/all.zip";
        mirror.files.put(zip, FeedMirror.zip("", List.of(ImporterFixtures.advisories("golang-vulndb/data/osv/GO-2020-0001.json")), false));
        mirror.cut.add(zip);
        FeedUpdate.Outcome o = run(u, "go");
        assertThat(o).isInstanceOf(FeedUpdate.Unreachable.class);
        assertThat(o.source()).isEqualTo("go");
        assertThat(((FeedUpdate.Unreachable) o).message()).contains("Go/all.zip").contains("broke off after");
        assertThat(ids("go")).isEqualTo(before);
    }

    @Test
    void aDownloadThatStallsIsGivenUpAfterThreeTimesTheTimeout() throws Exception {
        mirror.stall.add("/security.archlinux.org/all.json");
        long start = System.nanoTime();
        FeedUpdate.Outcome o = run(update(FeedState.inMemory(), null, 3), "arch");
        assertThat(o).isInstanceOf(FeedUpdate.Unreachable.class);
        assertThat(((FeedUpdate.Unreachable) o).message()).contains("all.json").contains("no data for 6 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(Thread.currentThread().isInterrupted()).as("the guard's interrupt is cleared").isFalse();
        assertThat(store.load("arch")).isEmpty();
    }

    @Test
    void aCorruptArchiveIsRefusedAndTheOldDataStays() throws Exception {
        FeedUpdate u = update(FeedState.inMemory(), null, 3);
        assertThat(run(u, "ubuntu")).isInstanceOf(FeedUpdate.Updated.class);
        List<String> before = ids("ubuntu");
        String zip = FeedMirror.OSV + "Ubuntu/all.zip";
        byte[] whole = mirror.files.get(zip);
        mirror.files.put(zip, java.util.Arrays.copyOf(whole, whole.length * 2 / 3)); // served whole: the archive itself is short
        FeedUpdate.Outcome o = run(u, "ubuntu");
        assertThat(o).isInstanceOf(FeedUpdate.Refused.class);
        assertThat(o.source()).isEqualTo("ubuntu");
        assertThat(((FeedUpdate.Refused) o).message()).contains("all.zip").contains("truncated or corrupt");
        assertThat(ids("ubuntu")).isEqualTo(before);
    }

    @Test
    void anArchiveThatDoesNotMatchItsPublishedChecksumIsRefused() throws Exception {
        FeedUpdate u = update(FeedState.inMemory(), null, 3);
        mirror.badHash.add(FeedMirror.OSV + "PyPI/all.zip");
        FeedUpdate.Outcome o = run(u, "pypa");
        assertThat(o).isInstanceOf(FeedUpdate.Refused.class);
        assertThat(((FeedUpdate.Refused) o).message()).contains("PyPI/all.zip").contains("published MD5");
        assertThat(store.load("pypa")).isEmpty();

        mirror.files.put(FeedMirror.VEX + FeedMirror.ARCHIVE + ".sha256", ("0".repeat(64) + "  " + FeedMirror.ARCHIVE).getBytes());
        FeedUpdate.Outcome r = run(u, "redhat-csaf");
        assertThat(r).isInstanceOf(FeedUpdate.Refused.class);
        assertThat(((FeedUpdate.Refused) r).message()).contains(FeedMirror.ARCHIVE).contains("published sha256");
        assertThat(store.load("redhat-csaf")).isEmpty();
    }

    @Test
    void aMirrorInTheConfigFileMapsEveryHost() throws Exception {
        Path file = tmp.resolve("feeds.properties");
        java.nio.file.Files.writeString(file, "mirror = " + mirror.base() + "\nnvd.api-key = from-file\nepss =\n");
        FeedConfig c = FeedConfig.load(file, null, null);
        assertThat(c.feeds()).doesNotContainKey("epss");
        assertThat(c.feeds().get("arch")).containsExactly(mirror.base().resolve("/security.archlinux.org/all.json"));
        assertThat(c.nvdApiKey()).isEqualTo("from-file");
        assertThat(c.toString()).doesNotContain("from-file");
        assertThat(FeedConfig.load(file, null, "from-env").nvdApiKey()).isEqualTo("from-env");
    }
}
