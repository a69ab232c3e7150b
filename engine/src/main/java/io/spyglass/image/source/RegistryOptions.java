package io.spyglass.image.source;

/**
 * How to talk to registries: {@code insecure} allows plain http to hosts other than loopback;
 * {@code user}/{@code password} are basic credentials (both null for anonymous pulls).
 */
public record RegistryOptions(boolean insecure, String user, String password) {

    public static final RegistryOptions ANONYMOUS = new RegistryOptions(false, null, null);

    /** Credentials from {@code SPYGLASS_REGISTRY_USER} / {@code SPYGLASS_REGISTRY_PASSWORD}. */
    public static RegistryOptions fromEnvironment(boolean insecure) {
        String user = System.getenv("SPYGLASS_REGISTRY_USER");
        String password = System.getenv("SPYGLASS_REGISTRY_PASSWORD");
        return new RegistryOptions(insecure, blankToNull(user), blankToNull(password));
    }

    public boolean hasCredentials() {
        return user != null && password != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "RegistryOptions[insecure=" + insecure + ", user=" + user + "]"; // never the password
    }
}
