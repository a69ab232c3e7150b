package io.spyglass.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.source.osv.OsvImporter;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisoryIndexTest {
    static List<SourceRecord> go;
    static List<SourceRecord> ghsa;
    static List<SourceRecord> pypa;

    @BeforeAll
    static void read() {
        go = new OsvImporter("go").read(SharedData.require("data/advisories/golang-vulndb/data/osv")).records();
        ghsa = new OsvImporter("ghsa").read(SharedData.require("data/advisories/ghsa")).records();
        pypa = new OsvImporter("pypa").read(SharedData.require("data/advisories/pypa-advisory-database/vulns")).records();
    }

    private static AdvisoryIndex build(List<List<SourceRecord>> sources) {
        List<SourceRecord> all = new ArrayList<>();
        sources.forEach(all::addAll);
        return AdvisoryIndex.build(AdvisoryData.of(all));
    }

    @Test
    void goAndGhsaRecordsCorrelateUnderTheCve() {
        AdvisoryIndex index = build(List.of(go, ghsa));
        List<AffectedEntry> net = index.lookup("Go", "golang.org/x/net");
        assertThat(net).filteredOn(e -> e.vulnerability().id().equals("CVE-2023-39325"))
                .extracting(e -> e.advisory().id()).contains("GO-2023-2102", "GHSA-4374-p667-p6c8");
        Vulnerability v = index.vulnerability("GHSA-4374-p667-p6c8").orElseThrow();
        assertThat(v.id()).isEqualTo("CVE-2023-39325");
        assertThat(v.aliases()).contains("GO-2023-2102", "GHSA-4374-p667-p6c8");
        assertThat(v.records()).extracting(Advisory::source).containsExactly("ghsa", "go");
        // language package: GHSA's rating is shown (CVSS 3.1 vector in the GHSA record, 7.5 = high)
        assertThat(v.severity("Go").source()).isEqualTo("ghsa");
        assertThat(v.severity("Go").level()).isEqualTo(Severity.HIGH);
        assertThat(index.vulnerability("GO-2023-2102")).contains(v);
    }

    @Test
    void pypiNamesAreNormalisedAndPypaMeetsGhsa() {
        AdvisoryIndex index = build(List.of(pypa, ghsa));
        List<AffectedEntry> requests = index.lookup("PyPI", "Requests");
        assertThat(requests).filteredOn(e -> e.vulnerability().id().equals("CVE-2023-32681"))
                .extracting(e -> e.advisory().id()).contains("PYSEC-2023-74").hasSizeGreaterThan(1);
        assertThat(index.lookup("PyPI", "PyYAML")).isEqualTo(index.lookup("PyPI", "pyyaml"));
    }

    @Test
    void withdrawnAdvisoriesDoNotMatch() {
        AdvisoryIndex index = build(List.of(go));
        assertThat(index.lookup("Go", "k8s.io/kubernetes")).extracting(e -> e.advisory().id()).doesNotContain("GO-2022-0617");
        assertThat(index.vulnerability("GO-2022-0617")).isEmpty();
    }

    @Test
    void incrementalUpdateEqualsFullBuild(@TempDir Path db) {
        // a third of Go vulndb keeps the test quick; GHSA records still meet their GO twins
        List<SourceRecord> go = AdvisoryIndexTest.go.subList(0, 1500);
        FileAdvisoryStore store = new FileAdvisoryStore(db);
        store.replaceSource("go", go, null);
        AdvisoryIndex index = AdvisoryIndex.build(store.load());
        ChangeSet added = store.replaceSource("ghsa", ghsa, null);
        AdvisoryIndex incremental = index.apply(added, store.load("ghsa"));
        assertThat(snapshot(incremental)).isEqualTo(snapshot(build(List.of(go, ghsa))));

        List<SourceRecord> fewer = new ArrayList<>(ghsa.subList(0, ghsa.size() / 2));
        ChangeSet removed = store.replaceSource("ghsa", fewer, null);
        assertThat(snapshot(incremental.apply(removed, fewer))).isEqualTo(snapshot(build(List.of(go, fewer))));
        assertThat(snapshot(index)).isEqualTo(snapshot(build(List.of(go))));
    }

    @Test
    void enrichmentAttachesByCveAndUpdatesIncrementally() {
        AdvisoryIndex index = build(List.of(go));
        assertThat(index.vulnerability("CVE-2023-39325").orElseThrow().kev()).isNull();
        KevEntry kev = new KevEntry("CVE-2023-39325", "golang", "http2", "rapid reset", LocalDate.parse("2023-10-10"),
                LocalDate.parse("2023-10-31"), "apply", "Unknown");
        ChangeSet cs = new ChangeSet("kev", List.of(), java.util.Set.of(kev.id()), java.util.Set.of(kev.id()), 1, 0, 0);
        AdvisoryIndex withKev = index.apply(cs, List.of(kev));
        assertThat(withKev.vulnerability("GO-2023-2102").orElseThrow().kev()).isEqualTo(kev);
        assertThat(withKev.lookup("Go", "golang.org/x/net")).filteredOn(e -> e.advisory().id().equals("GO-2023-2102"))
                .allSatisfy(e -> assertThat(e.vulnerability().kev()).isEqualTo(kev));
    }

    // key → sorted "advisory→vulnerability(aliases)" lines: everything a matcher can see
    @Test
    void mavenGroupsOfAnArtifactFollowIncrementalUpdates(@TempDir Path db) {
        FileAdvisoryStore store = new FileAdvisoryStore(db);
        store.replaceSource("ghsa", ghsa, null);
        AdvisoryIndex index = AdvisoryIndex.build(store.load());
        assertThat(index.mavenGroups("log4j-core")).containsExactly("org.apache.logging.log4j");
        assertThat(index.mavenGroups("no-such-artifact")).isEmpty();
        TreeSet<String> artifacts = new TreeSet<>();
        for (PackageKey k : index.keys()) {
            if (k.namespace().equals("Maven") && k.name().contains(":")) artifacts.add(k.name().substring(k.name().indexOf(':') + 1));
        }
        assertThat(artifacts).hasSizeGreaterThan(5);

        // the records naming log4j-core and half the rest go: the groups left equal a full build's
        List<SourceRecord> fewer = new ArrayList<>();
        for (int i = 0; i < ghsa.size(); i++) {
            if (i % 2 == 0 && !(ghsa.get(i) instanceof Advisory a
                    && a.affected().stream().anyMatch(x -> x.key().name().endsWith(":log4j-core")))) fewer.add(ghsa.get(i));
        }
        AdvisoryIndex incremental = index.apply(store.replaceSource("ghsa", fewer, null), fewer);
        AdvisoryIndex full = build(List.of(fewer));
        assertThat(incremental.mavenGroups("log4j-core")).isEmpty();
        for (String artifact : artifacts) {
            assertThat(incremental.mavenGroups(artifact)).as(artifact).isEqualTo(full.mavenGroups(artifact));
        }
        assertThat(index.mavenGroups("log4j-core")).as("the earlier index is unchanged").containsExactly("org.apache.logging.log4j");
    }

    private static Map<String, TreeSet<String>> snapshot(AdvisoryIndex index) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (PackageKey k : index.keys()) {
            TreeSet<String> lines = new TreeSet<>();
            for (AffectedEntry e : index.lookup(k)) {
                lines.add(e.advisory().source() + "/" + e.advisory().id() + " -> " + e.vulnerability().id()
                        + e.vulnerability().aliases() + " " + e.affected().ranges());
            }
            out.put(k.toString(), lines);
        }
        return out;
    }
}
