package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.analysis.result.PackageVersions;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.Sbom;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.store.Database;
import io.spyglass.server.testing.PostgresS3Stack;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change set of hundreds of keys over a store of many images: exactly the findings, summaries
 * and history a full re-match with the engine's {@link Matcher} gives, image by image. The images
 * are the corpus Debian image's package index copied with their Debian versions moved below, above
 * or left at the advisories' fixed versions; images only in a basic repository are left as scanned.
 */
class LargeChangeSetTest {
    private static final int ADVANCED = 45;
    private static final int BASIC = 9;
    private static final Severity[] LEVELS = {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NEGLIGIBLE};

    @TempDir
    Path dir;

    @Test
    void onSqlite() throws Exception {
        Skopeo.assumeInstalled();
        Path oci = SharedData.requireCorpus("debian/oci");
        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            hundredsOfKeysUpdateExactlyTheAffectedFindingsSummariesAndHistory(fx, oci);
        }
    }

    @Test
    void onPostgres() throws Exception {
        Skopeo.assumeInstalled();
        Path oci = SharedData.requireCorpus("debian/oci");
        try (PostgresS3Stack stack = PostgresS3Stack.start(dir); ServerFixture fx = ServerFixture.start(stack.config(dir.resolve("node")))) {
            hundredsOfKeysUpdateExactlyTheAffectedFindingsSummariesAndHistory(fx, oci);
        }
    }

    private void hundredsOfKeysUpdateExactlyTheAffectedFindingsSummariesAndHistory(ServerFixture fx, Path oci) throws Exception {
        Sbom sbom;
        try (var source = OciLayoutSource.open(oci, "bookworm")) {
            sbom = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
        Analysis analysis = fx.server().analysis();
        Account owner = fx.newUser("owner");
        String org = fx.newOrg("fleet", owner);
        fx.analysedRepository(owner, org, "fleet", false, "advanced");
        fx.analysedRepository(owner, org, "frozen", false, "basic");
        Repository fleet = fx.hub().repositories().find(org, "fleet").orElseThrow();
        Repository frozen = fx.hub().repositories().find(org, "frozen").orElseThrow();
        fx.push(dir, owner, "oci:" + oci + ":bookworm", org + "/fleet:base");
        fx.awaitStatus(owner, org + "/fleet", "base", "done");
        Database db = analysis.database();
        String base = db.withHandle(h -> h.createQuery("SELECT manifest_digest FROM tag_images WHERE tag = 'base'")
                .mapTo(String.class).one());
        Map<String, String> suffixes = new TreeMap<>(Map.of(base, ""));
        for (int i = 0; i < ADVANCED + BASIC; i++) {
            String digest = "sha256:%064x".formatted(i + 1);
            suffixes.put(digest, i % 3 == 0 ? "~old" + i : i % 3 == 1 ? "+new" + i : "");
            copyImage(db, base, digest, suffixes.get(digest), i < ADVANCED ? fleet.id() : frozen.id(), "s" + i, i < ADVANCED);
        }
        Set<String> advanced = new HashSet<>(suffixes.keySet());
        for (int i = ADVANCED; i < ADVANCED + BASIC; i++) advanced.remove("sha256:%064x".formatted(i + 1));

        // every Debian key of the image, fixed at the version the base image has
        Map<String, String> debianKeys = db.withHandle(h -> {
            Map<String, String> out = new TreeMap<>();
            h.createQuery("SELECT name, version FROM package_keys WHERE manifest_digest = :md AND namespace = 'debian:12'")
                    .bind("md", base).map((rs, ctx) -> out.putIfAbsent(rs.getString("name"), rs.getString("version"))).list();
            return out;
        });
        assertThat(debianKeys).as("a change set of hundreds of keys").hasSizeGreaterThan(150);
        List<Advisory> first = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> k : debianKeys.entrySet()) first.add(advisory(n++, k.getKey(), k.getValue(), null));

        long historyBefore = history(db, "added") + history(db, "removed");
        analysis.advisoryStore().replaceSource("large-feed", first, "1");
        EngineMatcherParityTest.awaitQuiet(analysis);
        Set<String> expected1 = assertMatchesEngine(db, sbom, first, suffixes, advanced);
        assertThat(expected1.size()).as("findings in a third of the images at least").isGreaterThan(1000);
        assertThat(history(db, "added")).isEqualTo(expected1.size());
        assertThat(history(db, "removed") + historyBefore).isZero();
        assertThat(reasons(db)).containsOnlyKeys("added: new advisory");

        // withdraw every third advisory and move every fifth fix above every image's version
        List<Advisory> second = new ArrayList<>();
        n = 0;
        for (Map.Entry<String, String> k : debianKeys.entrySet()) {
            Instant withdrawn = n % 3 == 0 ? Instant.parse("2026-01-01T00:00:00Z") : null;
            second.add(advisory(n, k.getKey(), n % 5 == 1 ? k.getValue() + "+zz" : k.getValue(), withdrawn));
            n++;
        }
        analysis.advisoryStore().replaceSource("large-feed", second, "2");
        EngineMatcherParityTest.awaitQuiet(analysis);
        Set<String> expected2 = assertMatchesEngine(db, sbom, second, suffixes, advanced);
        Set<String> gone = new HashSet<>(expected1);
        gone.removeAll(expected2);
        Set<String> came = new HashSet<>(expected2);
        came.removeAll(expected1);
        assertThat(gone).isNotEmpty();
        assertThat(came).isNotEmpty();
        Map<String, Long> reasons = reasons(db);
        assertThat(reasons).containsOnlyKeys("added: new advisory", "removed: withdrawn", "added: fixed version published");
        assertThat(reasons.get("removed: withdrawn")).isEqualTo(gone.size());
        assertThat(reasons.get("added: fixed version published")).isEqualTo(came.size());

        // a full re-match (repair) agrees with the incremental path: same findings, summaries, verdicts; nothing recorded
        long rows = history(db, "added") + history(db, "removed");
        List<String> incremental = results(db);
        Analysis.requestFullReevaluation(db);
        EngineMatcherParityTest.awaitQuiet(analysis);
        assertMatchesEngine(db, sbom, second, suffixes, advanced);
        assertThat(history(db, "added") + history(db, "removed")).isEqualTo(rows);
        assertThat(results(db)).isEqualTo(incremental);
    }

    /** Every stored finding, summary and policy verdict, one line each, in a fixed order. */
    private static List<String> results(Database db) {
        return db.withHandle(h -> {
            List<String> out = new ArrayList<>(h.createQuery("SELECT manifest_digest || ' ' || CAST(pkg AS TEXT) || ' ' || vulnerability_id "
                            + "|| ' ' || severity || ' ' || COALESCE(fixed_version, '-') || ' ' || advisory_id FROM findings ORDER BY 1")
                    .mapTo(String.class).list());
            out.addAll(h.createQuery("SELECT manifest_digest || ' ' || CAST(critical AS TEXT) || ' ' || CAST(high AS TEXT) || ' ' "
                            + "|| CAST(medium AS TEXT) || ' ' || CAST(low AS TEXT) || ' ' || CAST(other AS TEXT) || ' ' || CAST(fixable AS TEXT) "
                            + "FROM image_analyses ORDER BY 1").mapTo(String.class).list());
            out.addAll(h.createQuery("SELECT namespace || ' ' || manifest_digest || ' ' || policy || ' ' || status || ' ' "
                            + "|| COALESCE(details, '') FROM policy_results ORDER BY 1").mapTo(String.class).list());
            return out;
        });
    }

    private static Advisory advisory(int n, String name, String fixed, Instant withdrawn) {
        return Advisory.builder("LARGE-%03d".formatted(n), "large-feed").alias("CVE-2098-%04d".formatted(n + 1000))
                .summary(name + " is broken").severity(Rating.of("large-feed", LEVELS[n % LEVELS.length])).withdrawn(withdrawn)
                .affected(Affected.fixedIn("debian:12", name, fixed)).build();
    }

    /** A copy of the base image's packages and index, Debian versions suffixed, tagged {@code tag} in {@code repo}, stored as ResultStore does. */
    private static void copyImage(Database db, String base, String digest, String suffix, long repo, String tag, boolean advanced) {
        long now = Database.now();
        db.inTransaction(h -> {
            h.createUpdate("INSERT INTO image_analyses (manifest_digest, repository_id, status, platform, package_count, analyses, "
                            + "analysed_at, evaluated_at, data_version, updated_at) SELECT :d, :repo, status, platform, package_count, 1, "
                            + ":now, :now, 'none', :now FROM image_analyses WHERE manifest_digest = :base")
                    .bind("d", digest).bind("repo", repo).bind("now", now).bind("base", base).execute();
            h.createUpdate("INSERT INTO image_packages (manifest_digest, pkg, type, name, version, purl, locations, match_keys) "
                            + "SELECT :d, pkg, type, name, CASE WHEN type = 'deb' THEN version || :s ELSE version END, purl, locations, match_keys "
                            + "FROM image_packages WHERE manifest_digest = :base")
                    .bind("d", digest).bind("s", suffix).bind("base", base).execute();
            h.createUpdate("INSERT INTO package_keys (namespace, name, manifest_digest, pkg, version) SELECT namespace, "
                            + "name, :d, pkg, CASE WHEN namespace = 'debian:12' THEN version || :s ELSE version END "
                            + "FROM package_keys WHERE manifest_digest = :base")
                    .bind("d", digest).bind("s", suffix).bind("base", base).execute();
            h.createUpdate("INSERT INTO tags (repository_id, name, digest, updated_at) VALUES (:repo, :tag, :d, :now)")
                    .bind("repo", repo).bind("tag", tag).bind("d", digest).bind("now", now).execute();
            h.createUpdate("INSERT INTO tag_images (repository_id, tag, tag_digest, manifest_digest, platform, pushed_at) "
                            + "VALUES (:repo, :tag, :d, :d, 'linux/amd64', :now)")
                    .bind("repo", repo).bind("tag", tag).bind("d", digest).bind("now", now).execute();
            // as the analysis stores it: a basic-only image's packages are a point-in-time scan of its own
            PackageVersions.assign(h, digest, advanced ? null : digest, Map.of());
            return null;
        });
    }

    /**
     * Stored findings and summaries equal the engine matcher's over every image's packages (none for
     * basic-only images, which keep their scan); returns the expected findings.
     */
    private static Set<String> assertMatchesEngine(Database db, Sbom sbom, List<Advisory> advisories, Map<String, String> suffixes,
                                                   Set<String> advanced) {
        Matcher matcher = new Matcher(AdvisoryIndex.build(AdvisoryData.of(advisories)));
        Set<String> expected = new HashSet<>();
        Map<String, List<Long>> summaries = new TreeMap<>();
        for (Map.Entry<String, String> image : suffixes.entrySet()) {
            long[] counts = new long[6];
            for (int i = 0; i < sbom.packages().size() && advanced.contains(image.getKey()); i++) {
                Package p = sbom.packages().get(i);
                if (p.type() == PackageType.DEB) p = withVersion(p, p.version() + image.getValue());
                for (Finding f : matcher.match(p, sbom.distro())) {
                    expected.add(image.getKey() + " " + i + " " + f.vulnerabilityId());
                    counts[Math.min(f.level().ordinal(), 4)]++;
                    if (f.fixedVersion() != null) counts[5]++;
                }
            }
            summaries.put(image.getKey(), List.of(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]));
        }
        Set<String> stored = new HashSet<>(db.withHandle(h -> h.createQuery("SELECT manifest_digest, pkg, vulnerability_id FROM findings")
                .map((rs, ctx) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3)).list()));
        assertThat(stored).hasSameSizeAs(expected).isEqualTo(expected);
        Map<String, List<Long>> storedSummaries = new TreeMap<>();
        db.withHandle(h -> h.createQuery("SELECT * FROM image_analyses").map((rs, ctx) -> storedSummaries.put(rs.getString("manifest_digest"),
                List.of(rs.getLong("critical"), rs.getLong("high"), rs.getLong("medium"), rs.getLong("low"), rs.getLong("other"),
                        rs.getLong("fixable")))).list());
        assertThat(storedSummaries).isEqualTo(summaries);
        Map<String, String> versions = new TreeMap<>();
        db.withHandle(h -> h.createQuery("SELECT manifest_digest, data_version FROM image_analyses")
                .map((rs, ctx) -> versions.put(rs.getString(1), rs.getString(2))).list());
        versions.forEach((digest, version) -> assertThat(version).as(digest)
                .isEqualTo(advanced.contains(digest) ? "changeset-" + lastChangeSet(db) : "none"));
        return expected;
    }

    private static long lastChangeSet(Database db) {
        return db.withHandle(h -> h.createQuery("SELECT MAX(id) FROM advisory_change_sets").mapTo(Long.class).one());
    }

    private static Package withVersion(Package p, String version) {
        return new Package(p.type(), p.name(), version, p.purl(), p.sourceName(), p.sourceVersion(), p.licenses(), p.locations());
    }

    private static long history(Database db, String change) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM finding_history WHERE change = :c").bind("c", change)
                .mapTo(Long.class).one());
    }

    private static Map<String, Long> reasons(Database db) {
        Map<String, Long> out = new TreeMap<>();
        db.withHandle(h -> h.createQuery("SELECT change, reason, COUNT(*) AS n FROM finding_history GROUP BY change, reason")
                .map((rs, ctx) -> out.put(rs.getString("change") + ": " + rs.getString("reason"), rs.getLong("n"))).list());
        return out;
    }
}
