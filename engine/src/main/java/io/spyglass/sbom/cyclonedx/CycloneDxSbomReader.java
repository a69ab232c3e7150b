package io.spyglass.sbom.cyclonedx;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Digest;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomImage;
import io.spyglass.sbom.SbomPackages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads CycloneDX JSON (any 1.x) back into an {@link Sbom}: components with a purl, nested ones
 * included, become packages; {@code spyglass:*} properties restore what our writer kept there; the
 * metadata component is the image and an operating-system component the distro.
 */
public final class CycloneDxSbomReader {
    private static final int MAX_DEPTH = 32;

    private CycloneDxSbomReader() {}

    public static boolean isCycloneDx(JsonNode root) {
        return root.path("bomFormat").asText().equals("CycloneDX");
    }

    public static Sbom read(JsonNode bom, String source) {
        JsonNode imageNode = bom.path("metadata").path("component");
        SbomImage image = new SbomImage(source, digest(imageNode.path("version").asText(null)), null, List.of(), List.of());
        List<Package> packages = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        Distro[] distro = {Distro.NONE};
        collect(bom.path("components"), source, packages, unknowns, distro, 0);
        return new Sbom(image, distro[0], packages, unknowns);
    }

    private static void collect(JsonNode components, String source, List<Package> packages, List<Unknown> unknowns,
                                Distro[] distro, int depth) {
        if (depth > MAX_DEPTH) {
            unknowns.add(new Unknown(source, null, "components nested deeper than " + MAX_DEPTH + "; rest skipped"));
            return;
        }
        for (JsonNode c : components) {
            Map<String, String> props = properties(c);
            String type = c.path("type").asText();
            if (type.equals("operating-system")) {
                distro[0] = new Distro(c.path("name").asText(null), c.path("version").asText(null), props.get("distro:codename"));
            } else if (!type.equals("container")) {
                try {
                    packages.add(component(c, props));
                } catch (IllegalArgumentException e) {
                    unknowns.add(new Unknown(source, null, "CycloneDX component '" + c.path("name").asText() + "': " + ParseProblem.describe(e) + "; skipped"));
                }
            }
            collect(c.path("components"), source, packages, unknowns, distro, depth + 1);
        }
    }

    private static Package component(JsonNode c, Map<String, String> props) {
        Package p = SbomPackages.fromPurl(c.path("purl").asText(null), c.path("name").asText(null),
                c.path("version").asText(null), licenses(c.path("licenses")), locations(props));
        PackageType type = props.containsKey("type") ? PackageType.parse(props.get("type")) : p.type();
        String sourceName = props.getOrDefault("sourceName", p.sourceName());
        String sourceVersion = props.getOrDefault("sourceVersion", p.sourceVersion());
        return new Package(type, p.name(), p.version(), p.purl(), sourceName, sourceVersion, p.licenses(), p.locations());
    }

    private static List<String> licenses(JsonNode licenses) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : licenses) {
            if (l.has("expression")) out.add(l.path("expression").asText());
            else if (l.path("license").has("id")) out.add(l.path("license").path("id").asText());
            else if (l.path("license").has("name")) out.add(l.path("license").path("name").asText());
        }
        return out;
    }

    /** {@code spyglass:location:N:path|layer|diffId} properties, in N order. */
    private static List<Location> locations(Map<String, String> props) {
        TreeMap<Integer, String[]> byIndex = new TreeMap<>();
        props.forEach((key, value) -> {
            String[] parts = key.split(":");
            if (parts.length == 3 && parts[0].equals("location") && parts[1].matches("\\d{1,6}")) {
                String[] loc = byIndex.computeIfAbsent(Integer.parseInt(parts[1]), i -> new String[3]);
                switch (parts[2]) {
                    case "path" -> loc[0] = value;
                    case "layer" -> loc[1] = value;
                    case "diffId" -> loc[2] = value;
                    default -> { }
                }
            }
        });
        List<Location> out = new ArrayList<>();
        for (String[] loc : byIndex.values()) if (loc[0] != null) out.add(new Location(loc[0], loc[1], loc[2]));
        return out;
    }

    private static Map<String, String> properties(JsonNode c) {
        Map<String, String> props = new HashMap<>();
        for (JsonNode p : c.path("properties")) {
            String name = p.path("name").asText();
            if (name.startsWith(CycloneDxBomBuilder.PREFIX)) props.put(name.substring(CycloneDxBomBuilder.PREFIX.length()), p.path("value").asText());
        }
        return props;
    }

    private static Digest digest(String text) {
        try {
            return text == null ? null : Digest.parse(text);
        } catch (RuntimeException e) {
            return null; // a foreign BOM may put any version on its metadata component
        }
    }
}
