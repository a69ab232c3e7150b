package io.spyglass.advisory.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.List;

/** Shared lookups for importer tests on the real shared advisory data. */
public final class ImporterFixtures {
    private ImporterFixtures() {}

    public static Path advisories(String relative) {
        return SharedData.require("data/advisories/" + relative);
    }

    public static Advisory advisory(List<SourceRecord> records, String id) {
        return records.stream().filter(r -> r.id().equals(id)).map(Advisory.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + id));
    }

    public static Affected affected(Advisory a, String namespace, String name) {
        List<Affected> found = a.affected().stream().filter(x -> x.namespace().equals(namespace) && x.name().equals(name)).toList();
        assertThat(found).as(a.id() + " " + namespace + "/" + name).isNotEmpty();
        return found.get(0);
    }
}
