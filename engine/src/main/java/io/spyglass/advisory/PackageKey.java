package io.spyglass.advisory;

/** The index key: a namespace ({@code PyPI}, {@code debian:12}) and a normalised package name. */
public record PackageKey(String namespace, String name) implements Comparable<PackageKey> {
    /** OSV's name for the Maven ecosystem; Maven keys are named {@code group:artifact}. */
    public static final String MAVEN = "Maven";

    public PackageKey {
        if (namespace == null || namespace.isBlank()) throw new InvalidAdvisoryException("package key without a namespace");
        if (name == null || name.isBlank()) throw new InvalidAdvisoryException("package key without a name");
        name = PackageNames.normalise(namespace, name);
    }

    /** The group of a Maven key {@code group:artifact}; null for other keys and for a bare artifactId. */
    public String mavenGroup() {
        int colon = mavenColon();
        return colon < 0 ? null : name.substring(0, colon);
    }

    /** The artifactId of a Maven key {@code group:artifact}; null for other keys and for a bare artifactId. */
    public String mavenArtifact() {
        int colon = mavenColon();
        return colon < 0 ? null : name.substring(colon + 1);
    }

    private int mavenColon() {
        if (!namespace.equals(MAVEN)) return -1;
        int colon = name.indexOf(':');
        return colon > 0 && colon < name.length() - 1 ? colon : -1;
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
