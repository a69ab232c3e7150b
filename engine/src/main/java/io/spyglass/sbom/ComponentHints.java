package io.spyglass.sbom;

import io.spyglass.catalog.Location;
import java.util.List;
import java.util.Objects;

/**
 * What an SPDX package or CycloneDX component says about one package, before it is read as a
 * {@link io.spyglass.catalog.Package}. Each tool keeps the source package in its own place (trivy's
 * {@code SrcName}/{@code SrcVersion}/{@code SrcRelease}/{@code SrcEpoch} properties, syft's
 * {@code syft:metadata:*}, SPDX {@code sourceInfo}, Spyglass's {@code spyglass:*}); the readers
 * gather them here so one place ({@link SbomPackages}) turns them into what our catalogers produce.
 *
 * @param label         names the component in warnings (SPDX id or CycloneDX name)
 * @param typeHint      a package type the document states besides the purl ({@code spyglass:type}); may be null
 * @param sourceName    source package name, when the document states one; may be null
 * @param sourceVersion source version, as the tool wrote it (may hold the epoch, or only the upstream part
 *                      when {@code sourceRelease} is given); may be null
 * @param uncertainty   what Spyglass inferred about this package's identity ({@code spyglass:uncertainty},
 *                      an SPDX comment it wrote); may be null
 */
public record ComponentHints(
        String label,
        String name,
        String version,
        String purl,
        String typeHint,
        String sourceName,
        String sourceVersion,
        String sourceRelease,
        String sourceEpoch,
        List<String> licenses,
        List<Location> locations,
        String uncertainty) {

    public ComponentHints {
        Objects.requireNonNull(label, "label");
        name = blankToNull(name);
        version = blankToNull(version);
        purl = blankToNull(purl);
        typeHint = blankToNull(typeHint);
        sourceName = blankToNull(sourceName);
        sourceVersion = blankToNull(sourceVersion);
        sourceRelease = blankToNull(sourceRelease);
        sourceEpoch = blankToNull(sourceEpoch);
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        locations = locations == null ? List.of() : List.copyOf(locations);
        uncertainty = blankToNull(uncertainty);
    }

    public ComponentHints(String label, String name, String version, String purl, String typeHint, String sourceName,
                          String sourceVersion, String sourceRelease, String sourceEpoch, List<String> licenses,
                          List<Location> locations) {
        this(label, name, version, purl, typeHint, sourceName, sourceVersion, sourceRelease, sourceEpoch, licenses,
                locations, null);
    }

    /** A component with only name, version and purl (the fields every format has). */
    public static ComponentHints of(String label, String name, String version, String purl) {
        return new ComponentHints(label, name, version, purl, null, null, null, null, null, List.of(), List.of());
    }

    /** The source version with release and epoch put back: trivy splits {@code 1:2.34-0.1ubuntu9.1} in three. */
    public String fullSourceVersion() {
        if (sourceVersion == null) return null;
        String v = sourceRelease == null ? sourceVersion : sourceVersion + "-" + sourceRelease;
        return sourceEpoch == null || sourceEpoch.equals("0") || v.contains(":") ? v : sourceEpoch + ":" + v;
    }

    // SPDX writes NOASSERTION/NONE where it has no value
    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("NOASSERTION") || s.equals("NONE") ? null : s.trim();
    }
}
