package io.spyglass.advisory;

/** The index key: a namespace ({@code PyPI}, {@code debian:12}) and a normalised package name. */
public record PackageKey(String namespace, String name) implements Comparable<PackageKey> {
    public PackageKey {
        if (namespace == null || namespace.isBlank()) throw new InvalidAdvisoryException("package key without a namespace");
        if (name == null || name.isBlank()) throw new InvalidAdvisoryException("package key without a name");
        name = PackageNames.normalise(namespace, name);
    }

    @Override
    public int compareTo(PackageKey o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
