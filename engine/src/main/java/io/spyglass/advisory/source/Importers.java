package io.spyglass.advisory.source;

import io.spyglass.advisory.source.alpine.AlpineSecdbImporter;
import io.spyglass.advisory.source.arch.ArchAvgImporter;
import io.spyglass.advisory.source.debian.DebianImporter;
import io.spyglass.advisory.source.epss.EpssImporter;
import io.spyglass.advisory.source.friendsofphp.FriendsOfPhpImporter;
import io.spyglass.advisory.source.kev.KevImporter;
import io.spyglass.advisory.source.nvd.NvdImporter;
import io.spyglass.advisory.source.osv.OsvImporter;
import io.spyglass.advisory.source.redhat.CsafImporter;
import io.spyglass.advisory.source.rubysec.RubysecImporter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Every advisory source, registered explicitly by the name used on the command line and in the store. */
public final class Importers {
    private static final Map<String, Supplier<Importer>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("osv", () -> new OsvImporter("osv"));
        ALL.put("ghsa", () -> new OsvImporter("ghsa"));
        ALL.put("go", () -> new OsvImporter("go"));
        ALL.put("pypa", () -> new OsvImporter("pypa"));
        ALL.put("ubuntu", () -> new OsvImporter("ubuntu"));
        ALL.put("rubysec", RubysecImporter::new);
        ALL.put("friendsofphp", FriendsOfPhpImporter::new);
        ALL.put("alpine", AlpineSecdbImporter::new);
        ALL.put("wolfi", () -> new AlpineSecdbImporter("wolfi", "wolfi"));
        ALL.put("chainguard", () -> new AlpineSecdbImporter("chainguard", "chainguard"));
        ALL.put("debian", DebianImporter::new);
        ALL.put("arch", ArchAvgImporter::new);
        ALL.put("redhat-csaf", CsafImporter::new);
        ALL.put("nvd", NvdImporter::new);
        ALL.put("kev", KevImporter::new);
        ALL.put("epss", EpssImporter::new);
    }

    private Importers() {}

    public static Set<String> names() {
        return ALL.keySet();
    }

    public static Optional<Importer> forSource(String name) {
        Supplier<Importer> s = ALL.get(name);
        return s == null ? Optional.empty() : Optional.of(s.get());
    }
}
