package io.spyglass.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.advisory.source.osv.OsvImporter;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAdvisoryStoreTest {
    @TempDir Path db;

    private static Advisory advisory(String id, String fixed, Instant withdrawn) {
        return Advisory.builder(id, "osv").alias("CVE-2099-0001").summary("test").withdrawn(withdrawn)
                .affected(new Affected("PyPI", "Some_Pkg", List.of(AffectedRange.fixedIn(fixed)), List.of(), null, null))
                .build();
    }

    @Test
    void realGoDataRoundTripsAndSecondImportIsEmpty() {
        var records = new OsvImporter("go").read(SharedData.require("data/advisories/golang-vulndb/data/osv")).records();
        FileAdvisoryStore store = new FileAdvisoryStore(db);
        ChangeSet first = store.replaceSource("go", records, null);
        assertThat(first.added()).isEqualTo(4291);
        assertThat(first.keys()).contains(new PackageKey("Go", "golang.org/x/net"), new PackageKey("Go", "stdlib"));
        assertThat(first.changes()).extracting(ChangeSet.Change::reason).contains(ChangeReason.NEW_ADVISORY, ChangeReason.WITHDRAWN);

        assertThat(store.load("go")).containsExactlyElementsOf(records);
        ChangeSet again = store.replaceSource("go", records, null);
        assertThat(again.isEmpty()).isTrue();
        assertThat(store.status()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("go");
            assertThat(s.count()).isEqualTo(4291);
            assertThat(s.kind()).isEqualTo("advisory");
        });
    }

    @Test
    void changeReasonsFollowWhatChanged() {
        FileAdvisoryStore store = new FileAdvisoryStore(db);
        store.replaceSource("osv", List.of(advisory("A-1", null, null), advisory("A-2", "1.0", null),
                advisory("A-3", "1.0", null), advisory("A-4", "1.0", null)), "v1");
        Advisory a4 = advisory("A-4", "1.0", null);
        Advisory a4Renamed = new Advisory(a4.id(), a4.source(), a4.aliases(), "new summary", a4.details(), a4.published(),
                a4.modified(), a4.withdrawn(), a4.severities(), a4.references(), a4.cwes(), a4.affected());
        ChangeSet cs = store.replaceSource("osv", List.of(advisory("A-1", "2.0", null), advisory("A-2", "1.5", null),
                advisory("A-3", "1.0", Instant.parse("2024-01-01T00:00:00Z")), a4Renamed, advisory("A-5", "3.0", null)), "v2");
        PackageKey key = new PackageKey("PyPI", "some-pkg");
        assertThat(cs.changes()).containsExactlyInAnyOrder(
                new ChangeSet.Change(key, "A-1", ChangeReason.FIXED_VERSION_PUBLISHED),
                new ChangeSet.Change(key, "A-2", ChangeReason.FIXED_VERSION_PUBLISHED),
                new ChangeSet.Change(key, "A-3", ChangeReason.WITHDRAWN),
                new ChangeSet.Change(key, "A-4", ChangeReason.CHANGED_DETAILS),
                new ChangeSet.Change(key, "A-5", ChangeReason.NEW_ADVISORY));
        assertThat(cs.added()).isEqualTo(1);
        assertThat(cs.changed()).isEqualTo(4);

        ChangeSet dropped = store.replaceSource("osv", List.of(advisory("A-5", "3.0", null)), "v3");
        assertThat(dropped.removed()).isEqualTo(4);
        assertThat(dropped.changes()).extracting(ChangeSet.Change::reason).containsOnly(ChangeReason.REMOVED);
        assertThat(store.status().get(0).dataVersion()).isEqualTo("v3");
    }

    @Test
    void failedReplaceLeavesPreviousData() throws Exception {
        FileAdvisoryStore store = new FileAdvisoryStore(db);
        store.replaceSource("osv", List.of(advisory("A-1", "1.0", null)), null);
        byte[] before = Files.readAllBytes(db.resolve("osv.jsonl.gz"));
        List<Advisory> twice = new ArrayList<>(List.of(advisory("A-1", "2.0", null), advisory("A-1", "3.0", null)));
        assertThatThrownBy(() -> store.replaceSource("osv", twice, null))
                .isInstanceOf(AdvisoryStoreException.class).hasMessageContaining("two records with id A-1");
        assertThat(Files.readAllBytes(db.resolve("osv.jsonl.gz"))).isEqualTo(before);
        try (var files = Files.list(db)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("osv.jsonl.gz", ".lock");
        }
    }

    @Test
    void enrichmentRecordsStoreByKindAndReportEnrichedIds() {
        FileAdvisoryStore store = new FileAdvisoryStore(db);
        KevEntry kev = new KevEntry("CVE-2021-44228", "Apache", "Log4j2", "Log4Shell", LocalDate.parse("2021-12-10"),
                LocalDate.parse("2021-12-24"), "apply updates", "Known");
        ChangeSet cs = store.replaceSource("kev", List.of(kev), "2025.08.25");
        assertThat(cs.enrichedIds()).containsExactly("CVE-2021-44228");
        assertThat(cs.keys()).isEmpty();
        assertThat(store.load().kev()).containsExactly(kev);
        assertThat(store.replaceSource("kev", List.of(kev), "2025.08.25").isEmpty()).isTrue();
    }
}
