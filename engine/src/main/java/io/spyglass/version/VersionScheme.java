package io.spyglass.version;

/**
 * How one ecosystem orders its versions. Implementations are pure and exact to the reference
 * tool of their ecosystem (dpkg, apk-tools, rpmvercmp, …).
 */
public interface VersionScheme {

    /** A short name such as {@code dpkg}, {@code pep440}. */
    String name();

    /**
     * Compares two versions: negative, zero or positive.
     *
     * @throws InvalidVersionException when either version cannot be parsed by this scheme
     */
    int compare(String a, String b);

    /** True when this scheme can parse the version. */
    default boolean isValid(String version) {
        try {
            compare(version, version);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }
}
