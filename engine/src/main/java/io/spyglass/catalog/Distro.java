package io.spyglass.catalog;

/**
 * The operating system of an image, from os-release and its fallbacks.
 * {@code id} is os-release's ID (debian, alpine, rocky, …), {@code versionId} its VERSION_ID,
 * {@code codename} VERSION_CODENAME where given. All may be null for an image with no distro.
 */
public record Distro(String id, String versionId, String codename) {
    public static final Distro NONE = new Distro(null, null, null);

    public boolean isKnown() {
        return id != null;
    }

    /** The purl qualifier value, e.g. {@code debian-12}; null when unknown. */
    public String purlQualifier() {
        if (id == null) return null;
        return versionId == null ? id : id + "-" + versionId;
    }
}
