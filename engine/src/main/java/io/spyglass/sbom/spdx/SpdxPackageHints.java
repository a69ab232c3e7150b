package io.spyglass.sbom.spdx;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Location;
import io.spyglass.sbom.ComponentHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one SPDX package says about itself: name, version, purl ({@code externalRefs}, either
 * category spelling), licences, and {@code sourceInfo}, which tools fill differently: trivy names
 * the source package ({@code built package from: util-linux 2.34-0.1ubuntu9.1}), syft lists its
 * evidence ({@code acquired package info from DPKG DB: /var/lib/dpkg/status, …}), and Spyglass the
 * locations with their layers ({@code acquired package info from /var/lib/dpkg/status in layer sha256:…}).
 */
final class SpdxPackageHints {
    static final String BUILT_FROM = "built package from: ";

    private final Map<String, String> extractedLicenses;
    private final boolean ours;

    SpdxPackageHints(Map<String, String> extractedLicenses, boolean ours) {
        this.extractedLicenses = extractedLicenses;
        this.ours = ours;
    }

    ComponentHints hints(JsonNode p) {
        String info = p.path("sourceInfo").asText("");
        String sourceName = null;
        String sourceVersion = null;
        if (info.startsWith(BUILT_FROM)) {
            String[] parts = info.substring(BUILT_FROM.length()).trim().split("\\s+", 2);
            sourceName = parts[0];
            sourceVersion = parts.length > 1 ? parts[1] : null;
        }
        String name = SpdxSbomReader.text(p, "name");
        String label = p.path("SPDXID").asText() + (name == null ? "" : " (" + name + ")");
        return new ComponentHints(label, name, SpdxSbomReader.text(p, "versionInfo"), purl(p), null, sourceName, sourceVersion,
                null, null, SpdxDeclaredLicenses.read(p.path("licenseDeclared").asText(), extractedLicenses), locations(info),
                uncertainty(p));
    }

    /** Spyglass writes an inferred identity's uncertainty as the package comment. */
    private String uncertainty(JsonNode p) {
        String comment = p.path("comment").asText("");
        return ours && comment.startsWith(SpdxDocumentBuilder.UNCERTAIN)
                ? comment.substring(SpdxDocumentBuilder.UNCERTAIN.length()) : null;
    }

    /** The purl external reference ({@code PACKAGE-MANAGER} or SPDX 2.2's {@code PACKAGE_MANAGER}), or null. */
    static String purl(JsonNode p) {
        for (JsonNode ref : p.path("externalRefs")) {
            if (ref.path("referenceType").asText().equals("purl")) {
                String locator = ref.path("referenceLocator").asText("").trim();
                if (!locator.isEmpty()) return locator;
            }
        }
        return null;
    }

    private List<Location> locations(String info) {
        if (!info.startsWith(SpdxDocumentBuilder.FOUND_IN)) return List.of();
        String rest = info.substring(SpdxDocumentBuilder.FOUND_IN.length());
        List<Location> out = new ArrayList<>();
        if (ours) {
            for (String loc : rest.split("; ")) {
                int at = loc.lastIndexOf(SpdxDocumentBuilder.IN_LAYER);
                out.add(at < 0 ? Location.of(loc) : new Location(loc.substring(0, at), loc.substring(at + SpdxDocumentBuilder.IN_LAYER.length()), null));
            }
            return out;
        }
        // syft: "<cataloger's source>: path, path, …"
        int colon = rest.indexOf(": ");
        if (colon < 0) return List.of();
        for (String path : rest.substring(colon + 2).split(",")) if (!path.isBlank()) out.add(Location.of(path.trim()));
        return out;
    }
}
