package io.spyglass.cli;

import io.spyglass.advisory.Severity;
import io.spyglass.catalog.PackageType;
import io.spyglass.match.Finding;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The --only-* options of {@code spyglass cves}: empty sets keep everything; {@code fixable}
 * null keeps both fixable and unfixable findings.
 */
record FindingFilter(Set<Severity> severities, Set<PackageType> types, Boolean fixable) {

    FindingFilter {
        severities = severities.isEmpty() ? Set.of() : EnumSet.copyOf(severities);
        types = types.isEmpty() ? Set.of() : EnumSet.copyOf(types);
    }

    /** Parses the option words; an unknown word is an error naming it. */
    static FindingFilter parse(List<String> severityWords, List<String> typeWords, boolean onlyFixed, boolean onlyUnfixed) {
        if (onlyFixed && onlyUnfixed) throw new IllegalArgumentException("--only-fixed and --only-unfixed exclude each other");
        EnumSet<Severity> severities = EnumSet.noneOf(Severity.class);
        for (String w : severityWords) severities.add(severity(w));
        EnumSet<PackageType> types = EnumSet.noneOf(PackageType.class);
        for (String w : typeWords) types.add(PackageType.parse(w));
        return new FindingFilter(severities, types, onlyFixed ? Boolean.TRUE : onlyUnfixed ? Boolean.FALSE : null);
    }

    private static Severity severity(String word) {
        for (Severity s : Severity.values()) {
            if (s.id().equals(word.trim().toLowerCase(java.util.Locale.ROOT))) return s;
        }
        throw new IllegalArgumentException("unknown severity '" + word + "'; one of: critical, high, medium, low, negligible, unspecified");
    }

    List<Finding> apply(List<Finding> findings) {
        return findings.stream().filter(this::keeps).toList();
    }

    boolean keeps(Finding f) {
        if (!severities.isEmpty() && !severities.contains(f.level())) return false;
        if (!types.isEmpty() && !types.contains(f.pkg().type())) return false;
        return fixable == null || fixable == f.isFixable();
    }
}
