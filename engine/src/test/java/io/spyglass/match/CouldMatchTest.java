package io.spyglass.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.source.Importers;
import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The re-evaluation prefilter: a package that {@link Matcher#couldMatch} says no changed advisory
 * reaches, and that holds no finding of a changed vulnerability, must keep exactly the findings it
 * had. Checked on the real corpus images against the real shared advisories, with every fifth
 * advisory playing the part of a change set (added to an index that lacked it).
 */
class CouldMatchTest {

    @Test
    void aPackageNoChangedAdvisoryCouldMatchKeepsItsFindings() throws Exception {
        Path advisories = SharedData.require("data/advisories");
        List<SourceRecord> all = new ArrayList<>();
        all.addAll(Importers.forSource("go").orElseThrow().read(advisories.resolve("golang-vulndb")).records());
        all.addAll(Importers.forSource("ghsa").orElseThrow().read(advisories.resolve("ghsa")).records());
        all.addAll(Importers.forSource("pypa").orElseThrow().read(advisories.resolve("pypa-advisory-database")).records());
        all.addAll(Importers.forSource("alpine").orElseThrow().read(advisories.resolve("alpine-secdb")).records());
        all.addAll(Importers.forSource("debian").orElseThrow().read(advisories.resolve("debian-security-tracker")).records());
        Set<String> changed = new TreeSet<>();
        int i = 0;
        for (SourceRecord r : all) if (r instanceof Advisory a && i++ % 5 == 0) changed.add(a.id());
        List<SourceRecord> before = all.stream().filter(r -> !(r instanceof Advisory a && changed.contains(a.id()))).toList();
        AdvisoryIndex oldIndex = AdvisoryIndex.build(AdvisoryData.of(before));
        AdvisoryIndex newIndex = AdvisoryIndex.build(AdvisoryData.of(all));
        Set<String> changedVulnerabilities = new TreeSet<>();
        for (String id : changed) {
            changedVulnerabilities.add(id);
            newIndex.vulnerability(id).ifPresent(v -> {
                changedVulnerabilities.add(v.id());
                changedVulnerabilities.addAll(v.aliases());
            });
        }
        Matcher oldMatcher = new Matcher(oldIndex), newMatcher = new Matcher(newIndex);

        int packages = 0, skipped = 0, moved = 0;
        for (String[] image : List.of(new String[] {"debian", "bookworm"}, new String[] {"alpine", "3.12.12"})) {
            Sbom sbom;
            try (var source = OciLayoutSource.open(SharedData.requireCorpus(image[0] + "/oci"), image[1])) {
                sbom = new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
            }
            for (Package p : sbom.packages()) {
                List<MatchKeys.Key> keys = MatchKeys.of(p, sbom.distro());
                List<Finding> old = oldMatcher.match(p, keys);
                List<Finding> now = newMatcher.match(p, keys);
                boolean heldChanged = old.stream().anyMatch(f -> changedVulnerabilities.contains(f.vulnerabilityId()));
                boolean reached = newMatcher.couldMatch(p, keys, changed);
                packages++;
                if (!now.equals(old)) moved++;
                if (!reached && !heldChanged) {
                    skipped++;
                    assertThat(now).as("findings of %s %s, which no changed advisory reaches", p.name(), p.version()).isEqualTo(old);
                }
            }
        }
        System.out.printf("packages %d, moved %d, spared %d%n", packages, moved, skipped);
        // the change is felt (some findings move) and the prefilter spares most packages
        assertThat(moved).isPositive();
        assertThat(skipped).isGreaterThan(packages / 2);
    }
}
