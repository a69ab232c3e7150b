package io.spyglass.sbom;

import io.spyglass.sbom.cyclonedx.CycloneDxSbomFormat;
import io.spyglass.sbom.spdx.SpdxSbomFormat;
import java.util.List;
import java.util.stream.Collectors;

/** The SBOM output formats, registered explicitly. */
public final class SbomFormats {
    private SbomFormats() {}

    public static List<SbomFormat> all() {
        return List.of(new ListSbomFormat(), new JsonSbomFormat(), new SpdxSbomFormat(), new CycloneDxSbomFormat());
    }

    /** The format called {@code name}; the error lists the known names. */
    public static SbomFormat byName(String name) {
        return all().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown SBOM format '" + name + "'; known: "
                        + all().stream().map(SbomFormat::name).collect(Collectors.joining(", "))));
    }
}
