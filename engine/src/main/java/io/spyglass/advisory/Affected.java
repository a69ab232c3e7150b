package io.spyglass.advisory;

import java.util.ArrayList;
import java.util.List;

/**
 * One package an advisory concerns. {@code namespace} is the OSV ecosystem name for language
 * packages ({@code PyPI}, {@code npm}, {@code Go}, {@code Maven}, …) or a distro namespace for OS
 * packages ({@code debian:12}, {@code alpine:3.20}, {@code redhat:9}, {@code arch}); distro entries
 * name the <em>source</em> package. {@code name} is normalised for its namespace
 * ({@link PackageNames}). A version is affected when it is listed in {@code versions} or falls in a
 * range (see {@link AffectedRange}), unless the status is {@code NOT_AFFECTED}. {@code note} keeps a
 * tracker's reason text (e.g. Debian's "Minor issue").
 */
public record Affected(String namespace, String name, List<AffectedRange> ranges, List<String> versions,
                       AffectedStatus status, String note) {
    public Affected {
        if (namespace == null || namespace.isBlank()) throw new InvalidAdvisoryException("affected package without a namespace");
        if (name == null || name.isBlank()) throw new InvalidAdvisoryException("affected package without a name in " + namespace);
        name = PackageNames.normalise(namespace, name);
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        versions = versions == null ? List.of() : List.copyOf(versions);
        if (status == null) status = ranges.stream().anyMatch(r -> r.fixed() != null) ? AffectedStatus.FIXED : AffectedStatus.AFFECTED;
        note = note == null || note.isBlank() ? null : note.trim();
    }

    /** An OS package fixed in {@code fixed}: every earlier version is affected. */
    public static Affected fixedIn(String namespace, String name, String fixed) {
        return new Affected(namespace, name, List.of(AffectedRange.fixedIn(fixed)), List.of(), AffectedStatus.FIXED, null);
    }

    /** An OS package with no fix (yet, or ever): every version is affected. */
    public static Affected unfixed(String namespace, String name, AffectedStatus status, String note) {
        return new Affected(namespace, name, List.of(AffectedRange.fixedIn(null)), List.of(), status, note);
    }

    public static Affected notAffected(String namespace, String name, String note) {
        return new Affected(namespace, name, List.of(), List.of(), AffectedStatus.NOT_AFFECTED, note);
    }

    public PackageKey key() {
        return new PackageKey(namespace, name);
    }

    /** The fixed versions named by the ranges, in order, without repeats. */
    public List<String> fixedVersions() {
        List<String> out = new ArrayList<>();
        for (AffectedRange r : ranges) {
            if (r.fixed() != null && !out.contains(r.fixed())) out.add(r.fixed());
        }
        return out;
    }
}
