package io.spyglass.server.web;

import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.EpssScore;
import io.spyglass.advisory.KevEntry;
import io.spyglass.advisory.NvdRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds a vulnerability by any of its ids (CVE, GHSA, a distro's, …) in the advisory data, with every
 * source's record of it. Built on first use from the data supplier; {@link #refresh} after an import.
 */
final class AdvisoryCatalog {
    private final Supplier<AdvisoryData> source;
    private volatile Index index;

    AdvisoryCatalog(Supplier<AdvisoryData> source) {
        this.source = source;
    }

    Optional<VulnerabilityViews.Correlated> find(String id) {
        return index().find(id);
    }

    /** Ids that start with {@code prefix} (upper-cased), for the search box; at most {@code limit}. */
    List<String> idsStartingWith(String prefix, int limit) {
        String p = prefix.toUpperCase(Locale.ROOT);
        return index().byId.keySet().stream().filter(k -> k.startsWith(p)).sorted().limit(limit).toList();
    }

    void refresh() {
        index = null;
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            current = new Index(source.get());
            index = current;
        }
        return current;
    }

    private static final class Index {
        final Map<String, List<Advisory>> byId = new HashMap<>();
        final Map<String, NvdRecord> nvd = new HashMap<>();
        final Map<String, EpssScore> epss = new HashMap<>();
        final Map<String, KevEntry> kev = new HashMap<>();

        Index(AdvisoryData data) {
            for (Advisory a : data.advisories()) {
                for (String id : a.allIds()) {
                    byId.computeIfAbsent(key(id), k -> new ArrayList<>()).add(a);
                }
            }
            data.nvd().forEach(r -> nvd.put(key(r.id()), r));
            data.epss().forEach(r -> epss.put(key(r.id()), r));
            data.kev().forEach(r -> kev.put(key(r.id()), r));
            nvd.keySet().forEach(id -> byId.computeIfAbsent(id, k -> new ArrayList<>()));
        }

        /** The records that share the id, and those that share any of their ids (aliases go both ways). */
        Optional<VulnerabilityViews.Correlated> find(String id) {
            List<Advisory> direct = byId.get(key(id));
            if (direct == null) {
                return Optional.empty();
            }
            Set<Advisory> all = new LinkedHashSet<>(direct);
            Set<String> ids = new LinkedHashSet<>();
            ids.add(key(id));
            direct.forEach(a -> a.allIds().forEach(i -> ids.add(key(i))));
            ids.forEach(i -> all.addAll(byId.getOrDefault(i, List.of())));
            String cve = ids.stream().filter(i -> i.startsWith("CVE-")).findFirst().orElse(null);
            return Optional.of(new VulnerabilityViews.Correlated(List.copyOf(all), cve == null ? null : nvd.get(cve),
                    cve == null ? null : epss.get(cve), cve == null ? null : kev.get(cve)));
        }

        private static String key(String id) {
            return id.trim().toUpperCase(Locale.ROOT);
        }
    }
}
