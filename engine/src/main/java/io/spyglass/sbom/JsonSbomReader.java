package io.spyglass.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Digest;
import io.spyglass.image.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Spyglass's own SBOM json ({@link JsonSbomFormat}) back, e.g. an SBOM stored by the server,
 * so it can be written out as SPDX or CycloneDX. Layers are not read back: the json keeps no layer
 * media type, and no output format needs the layer list (each location keeps its layer digest).
 */
public final class JsonSbomReader {
    private JsonSbomReader() {}

    /**
     * @param reference what the image is called in the output (e.g. {@code host/ns/repo:tag})
     * @throws IllegalArgumentException naming what is wrong when the json is not a Spyglass SBOM
     */
    public static Sbom read(JsonNode root, String reference) {
        if (root == null || !root.path("packages").isArray() || !root.path("image").isObject()) {
            throw new IllegalArgumentException(reference + ": not a Spyglass SBOM (no image or packages)");
        }
        JsonNode image = root.path("image");
        List<Platform> others = new ArrayList<>();
        image.path("otherPlatforms").forEach(p -> others.add(Platform.parse(p.asText())));
        SbomImage sbomImage = new SbomImage(reference, digest(text(image, "digest")),
                text(image, "platform") == null ? null : Platform.parse(text(image, "platform")), List.of(), others);
        JsonNode d = root.path("distro");
        Distro distro = new Distro(text(d, "id"), text(d, "versionId"), text(d, "codename"));
        List<Package> packages = new ArrayList<>();
        for (JsonNode p : root.path("packages")) packages.add(pkg(p));
        List<Unknown> unknowns = new ArrayList<>();
        for (JsonNode u : root.path("unknowns")) {
            unknowns.add(new Unknown(text(u, "path"), text(u, "layer"), text(u, "message")));
        }
        return new Sbom(sbomImage, distro.isKnown() ? distro : Distro.NONE, packages, unknowns);
    }

    private static Package pkg(JsonNode p) {
        List<String> licenses = new ArrayList<>();
        p.path("licenses").forEach(l -> licenses.add(l.asText()));
        List<Location> locations = new ArrayList<>();
        for (JsonNode l : p.path("locations")) locations.add(new Location(l.path("path").asText(), text(l, "layer"), null));
        String name = text(p, "name");
        if (name == null) throw new IllegalArgumentException("SBOM package without a name: " + p);
        return new Package(PackageType.parse(p.path("type").asText()), name, text(p, "version"), text(p, "purl"),
                text(p, "sourceName"), text(p, "sourceVersion"), licenses, locations, text(p, "uncertainty"));
    }

    private static Digest digest(String text) {
        return text == null ? null : Digest.parse(text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
