package io.spyglass.sbom.cyclonedx;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.sbom.ComponentHints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's properties, read for what each tool keeps there besides the purl:
 * <ul>
 * <li>Spyglass: {@code spyglass:type}, {@code spyglass:sourceName}/{@code sourceVersion}, {@code spyglass:uncertainty},
 *     {@code spyglass:location:N:path|layer|diffId}, {@code spyglass:distro:codename}</li>
 * <li>trivy: {@code aquasecurity:trivy:SrcName}/{@code SrcVersion}/{@code SrcRelease}/{@code SrcEpoch},
 *     {@code FilePath}, {@code LayerDiffID}</li>
 * <li>syft: {@code syft:metadata:source}/{@code sourceVersion} (deb), {@code originPackage} (apk),
 *     {@code sourceRpm} (rpm), {@code basePackage} (alpm), {@code syft:location:N:path|layerID},
 *     {@code syft:distro:id|versionID|versionCodename}</li>
 * </ul>
 * A property may repeat (trivy's DiffID); the first value is kept.
 */
final class CycloneDxProperties {
    private static final String TRIVY = "aquasecurity:trivy:";
    private static final String SYFT_META = "syft:metadata:";

    private final Map<String, String> values;

    private CycloneDxProperties(Map<String, String> values) {
        this.values = values;
    }

    static CycloneDxProperties of(JsonNode component) {
        Map<String, String> values = new HashMap<>();
        for (JsonNode p : component.path("properties")) {
            String value = p.path("value").asText(null);
            if (value != null) values.putIfAbsent(p.path("name").asText(), value);
        }
        return new CycloneDxProperties(values);
    }

    ComponentHints hints(String label, JsonNode c) {
        String sourceName = first(CycloneDxBomBuilder.PREFIX + "sourceName", TRIVY + "SrcName", SYFT_META + "source",
                SYFT_META + "originPackage", SYFT_META + "sourceRpm", SYFT_META + "basePackage");
        String sourceVersion = first(CycloneDxBomBuilder.PREFIX + "sourceVersion", TRIVY + "SrcVersion", SYFT_META + "sourceVersion");
        boolean ours = values.containsKey(CycloneDxBomBuilder.PREFIX + "sourceName");
        return new ComponentHints(label, c.path("name").asText(null), c.path("version").asText(null), c.path("purl").asText(null),
                values.get(CycloneDxBomBuilder.PREFIX + "type"), sourceName, sourceVersion,
                ours ? null : values.get(TRIVY + "SrcRelease"), ours ? null : values.get(TRIVY + "SrcEpoch"),
                CycloneDxLicenses.read(c.path("licenses")), locations(), values.get(CycloneDxBomBuilder.PREFIX + "uncertainty"));
    }

    /** The operating-system component as a distro (syft's own properties win over name and version). */
    Distro distro(JsonNode c) {
        String id = values.getOrDefault("syft:distro:id", c.path("name").asText(null));
        String version = values.getOrDefault("syft:distro:versionID", c.path("version").asText(null));
        String codename = first(CycloneDxBomBuilder.PREFIX + "distro:codename", "syft:distro:versionCodename");
        return new Distro(id == null || id.isBlank() ? null : id, version == null || version.isBlank() ? null : version, codename);
    }

    /** Ours ({@code spyglass:location:N:…}), else syft's ({@code syft:location:N:path|layerID}), else trivy's one file path. */
    private List<Location> locations() {
        List<Location> ours = indexed(CycloneDxBomBuilder.PREFIX + "location:", "path", "layer", "diffId");
        if (!ours.isEmpty()) return ours;
        List<Location> syft = indexed("syft:location:", "path", null, "layerID");
        if (!syft.isEmpty()) return syft;
        String path = values.get(TRIVY + "FilePath");
        return path == null ? List.of() : List.of(new Location(path, null, values.get(TRIVY + "LayerDiffID")));
    }

    private List<Location> indexed(String prefix, String pathKey, String layerKey, String diffIdKey) {
        TreeMap<Integer, String[]> byIndex = new TreeMap<>();
        values.forEach((key, value) -> {
            if (!key.startsWith(prefix)) return;
            String[] parts = key.substring(prefix.length()).split(":");
            if (parts.length != 2 || !parts[0].matches("\\d{1,6}")) return;
            String[] loc = byIndex.computeIfAbsent(Integer.parseInt(parts[0]), i -> new String[3]);
            if (parts[1].equals(pathKey)) loc[0] = value;
            else if (parts[1].equals(layerKey)) loc[1] = value;
            else if (parts[1].equals(diffIdKey)) loc[2] = value;
        });
        List<Location> out = new ArrayList<>();
        for (String[] loc : byIndex.values()) if (loc[0] != null) out.add(new Location(loc[0], loc[1], loc[2]));
        return out;
    }

    private String first(String... keys) {
        for (String k : keys) {
            String v = values.get(k);
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }
}
