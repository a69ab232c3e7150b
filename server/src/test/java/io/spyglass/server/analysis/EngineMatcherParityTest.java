package io.spyglass.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.PackageKey;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.source.Importers;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.match.Finding;
import io.spyglass.match.MatchKeys;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.Sbom;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.ServerFixture.Account;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server and {@code spyglass cves} decide findings with one rule set: the corpus Debian image
 * pushed to the server gets exactly the findings the engine's {@link Matcher} gives for the same
 * image and advisories, both when analysed on push and when re-evaluated after an import.
 */
class EngineMatcherParityTest {
    @TempDir
    Path dir;

    @Test
    void storedFindingsEqualTheEngineMatchersOnAnalysisAndOnReevaluation() throws Exception {
        Skopeo.assumeInstalled();
        Path oci = SharedData.requireCorpus("debian/oci");
        Path advisories = SharedData.require("data/advisories");
        Sbom sbom;
        try (var source = OciLayoutSource.open(oci, "bookworm")) {
            sbom = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
        Set<PackageKey> keys = new HashSet<>();
        for (Package p : sbom.packages()) MatchKeys.of(p, sbom.distro()).forEach(k -> keys.add(k.key()));
        List<Advisory> go = concerning(keys, read("go", advisories.resolve("golang-vulndb")));
        List<Advisory> ghsa = concerning(keys, read("ghsa", advisories.resolve("ghsa")));
        List<Advisory> debian = List.of(
                // apt is the source package of libapt-pkg6.0: matched through it, as the engine does
                // fixed just above what the mirror installed in the corpus build (a point release may move apt)
                debian("PARITY-APT", "apt", CorpusBuild.debianAbove(CorpusBuild.debianVersion("apt"),
                        CorpusBuild.debianVersion("libapt-pkg6.0")), Severity.HIGH),
                debian("PARITY-ZLIB", "zlib", "1:1.2.13.dfsg-2", Severity.CRITICAL),
                debian("PARITY-OLD", "bash", "4.0-1", Severity.LOW));
        assertThat(go).as("Go vulndb records for the image's Go modules").hasSizeGreaterThan(5);
        assertThat(ghsa).as("GHSA records for the image's language packages").hasSizeGreaterThan(5);

        try (ServerFixture fx = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            Analysis analysis = fx.server().analysis();
            Account owner = fx.newUser("owner");
            String org = fx.newOrg("parity", owner);
            fx.analysedRepository(owner, org, "pushed", false, "advanced");
            fx.hub().repositories().create(org, "later", false);

            // 1. advisories first, then the push: findings made by the analysis
            analysis.advisoryStore().replaceSource("go", go, "1");
            awaitIndex(analysis);
            String digest = fx.push(dir, owner, "oci:" + oci + ":bookworm", org + "/pushed:1");
            fx.awaitStatus(owner, org + "/pushed", "1", "done");
            String image = manifest(analysis, digest);
            assertThat(stored(analysis, image)).isEqualTo(engine(sbom, List.of(go)));

            // 2. more advisories after the push: findings made by re-evaluation
            analysis.advisoryStore().replaceSource("ghsa", ghsa, "1");
            analysis.advisoryStore().replaceSource("parity-debian", debian, "1");
            awaitQuiet(analysis);
            List<String> expected = engine(sbom, List.of(go, ghsa, debian));
            assertThat(expected).anyMatch(f -> f.startsWith("deb libapt-pkg6.0 ") && f.contains("PARITY-APT"))
                    .anyMatch(f -> f.startsWith("maven ")).anyMatch(f -> f.startsWith("golang "))
                    .noneMatch(f -> f.contains("PARITY-OLD"));
            assertThat(stored(analysis, image)).isEqualTo(expected);

            // 3. a repair re-matches everything and changes nothing
            Analysis.requestFullReevaluation(analysis.database());
            awaitQuiet(analysis);
            assertThat(stored(analysis, image)).isEqualTo(expected);
        }
    }

    private static List<SourceRecord> read(String source, Path path) throws Exception {
        return new ArrayList<>(Importers.forSource(source).orElseThrow().read(path).records());
    }

    /**
     * The advisories that reach one of the image's keys (the rest cannot change its findings): a
     * {@code group:artifact} also reaches jars of unknown group, matched under the artifactId.
     */
    private static List<Advisory> concerning(Set<PackageKey> keys, List<SourceRecord> records) {
        List<Advisory> out = new ArrayList<>();
        for (SourceRecord r : records) {
            if (r instanceof Advisory a && a.affected().stream()
                    .anyMatch(x -> MatchKeys.reachedBy(x.key()).stream().anyMatch(keys::contains))) out.add(a);
        }
        return out;
    }

    private static Advisory debian(String id, String name, String fixed, Severity severity) {
        return Advisory.builder(id, "parity-debian").alias("CVE-2099-" + Math.abs(id.hashCode() % 10_000))
                .summary(name + " test advisory").severity(Rating.of("parity-debian", severity))
                .affected(Affected.fixedIn("debian:12", name, fixed)).build();
    }

    /** What {@code spyglass cves} reports for the image: one line per finding. */
    private static List<String> engine(Sbom sbom, List<List<? extends SourceRecord>> sources) {
        List<SourceRecord> all = new ArrayList<>();
        sources.forEach(all::addAll);
        List<String> out = new ArrayList<>();
        for (Finding f : new Matcher(AdvisoryIndex.build(AdvisoryData.of(all))).match(sbom)) {
            Package p = f.pkg();
            out.add(line(p.type().id(), p.name(), p.version(), f.vulnerabilityId(), String.join(", ", f.advisoryIds()),
                    f.fixedVersion(), f.level().id(), f.uncertain()));
        }
        out.sort(null);
        return out;
    }

    private static List<String> stored(Analysis analysis, String digest) {
        List<String> out = analysis.database().withHandle(h -> h.createQuery("SELECT p.type, p.name, p.version, f.vulnerability_id, "
                        + "f.advisory_id, f.fixed_version, f.severity, f.uncertain FROM findings f JOIN image_packages p "
                        + "ON p.manifest_digest = f.manifest_digest AND p.pkg = f.pkg WHERE f.manifest_digest = :md")
                .bind("md", digest)
                .map((rs, ctx) -> line(rs.getString("type"), rs.getString("name"), rs.getString("version"),
                        rs.getString("vulnerability_id"), rs.getString("advisory_id"), rs.getString("fixed_version"),
                        rs.getString("severity"), rs.getLong("uncertain") != 0))
                .list());
        List<String> sorted = new ArrayList<>(out);
        sorted.sort(null);
        return sorted;
    }

    private static String line(String type, String name, String version, String vuln, String advisories, String fixed,
                               String severity, boolean uncertain) {
        return type + " " + name + " " + version + " " + vuln + " [" + advisories + "] fixed:" + fixed + " " + severity
                + (uncertain ? " uncertain" : "");
    }

    /** The image manifest a pushed tag stands for (the corpus image is a single-platform manifest or an index). */
    private static String manifest(Analysis analysis, String tagDigest) {
        return analysis.database().withHandle(h -> h.createQuery("SELECT manifest_digest FROM tag_images WHERE tag_digest = :d")
                .bind("d", tagDigest).mapTo(String.class).one());
    }

    static void awaitIndex(Analysis analysis) throws InterruptedException {
        long last = analysis.advisoryStore().lastChangeSet();
        long deadline = System.currentTimeMillis() + 240_000;
        while (analysis.advisories().get().changeSetId() < last && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertThat(analysis.advisories().get().changeSetId()).as("index refreshed").isEqualTo(last);
    }

    /** Waits until this node's index has every change set and no job is left. */
    static void awaitQuiet(Analysis analysis) throws InterruptedException {
        awaitIndex(analysis);
        long deadline = System.currentTimeMillis() + 240_000;
        while (analysis.pendingJobs() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertThat(analysis.pendingJobs()).as("jobs left").isZero();
    }
}
