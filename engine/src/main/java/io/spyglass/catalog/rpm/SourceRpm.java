package io.spyglass.catalog.rpm;

/**
 * A source package named by its source rpm file: rpm names source packages N-V-R, so
 * {@code openssl-3.0.7-1.el9.src.rpm} is {@code openssl} at {@code 3.0.7-1.el9}.
 */
public record SourceRpm(String name, String version) {

    /** The source rpm a file name names, or null when it is not {@code N-V-R.src.rpm}. */
    public static SourceRpm parse(String fileName) {
        if (fileName == null) return null;
        String nvr = fileName.replaceFirst("\\.(no)?src\\.rpm$", "");
        int releaseDash = nvr.lastIndexOf('-');
        int versionDash = releaseDash <= 0 ? -1 : nvr.lastIndexOf('-', releaseDash - 1);
        if (versionDash <= 0) return null;
        return new SourceRpm(nvr.substring(0, versionDash), nvr.substring(versionDash + 1));
    }
}
