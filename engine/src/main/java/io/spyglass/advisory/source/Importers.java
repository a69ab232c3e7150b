package io.spyglass.advisory.source;

import io.spyglass.advisory.source.osv.OsvImporter;
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
