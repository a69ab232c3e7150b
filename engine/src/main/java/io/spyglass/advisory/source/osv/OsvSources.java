package io.spyglass.advisory.source.osv;

/** Who rated an OSV record, from its id prefix: the database that wrote it. */
final class OsvSources {
    private OsvSources() {}

    static String label(String id, String importer) {
        if (id.startsWith("GHSA-")) return "ghsa";
        if (id.startsWith("GO-")) return "go";
        if (id.startsWith("PYSEC-")) return "pypa";
        if (id.startsWith("RUSTSEC-")) return "rustsec";
        if (id.startsWith("UBUNTU-") || id.startsWith("USN-")) return "ubuntu";
        if (id.startsWith("DSA-") || id.startsWith("DLA-") || id.startsWith("DTSA-") || id.startsWith("DEBIAN-")) return "debian";
        if (id.startsWith("ALPINE-")) return "alpine";
        if (id.startsWith("RHSA-") || id.startsWith("RHBA-") || id.startsWith("RHEA-")) return "redhat";
        if (id.startsWith("RLSA-")) return "rocky";
        if (id.startsWith("ALSA-") || id.startsWith("ALBA-") || id.startsWith("ALEA-")) return "almalinux";
        return importer;
    }
}
