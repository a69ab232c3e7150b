package io.spyglass.sbom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Layer;
import io.spyglass.image.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Spyglass's own, stable SBOM json (issue 3):
 * {@code {"image": {"digest", "platform", "layers": [{"digest", "diffId", "size", "createdBy"}],
 * "otherPlatforms": []}, "distro": {"id", "versionId", "codename"}, "packages": [{"type", "name",
 * "version", "purl", "sourceName", "sourceVersion", "licenses": [], "locations": [{"path", "layer"}]}],
 * "unknowns": [{"path", "layer", "message"}]}}. Absent values are written as null.
 */
public final class JsonSbomFormat implements SbomFormat {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public String name() {
        return "json";
    }

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("image", image(sbom.image()));
        root.set("distro", distro(sbom.distro()));
        ArrayNode packages = root.putArray("packages");
        sbom.packages().forEach(p -> packages.add(pkg(p)));
        ArrayNode unknowns = root.putArray("unknowns");
        for (Unknown u : sbom.unknowns()) {
            unknowns.addObject().put("path", u.path()).put("layer", u.layer()).put("message", u.message());
        }
        JSON.writeValue(out, root);
        out.write('\n');
    }

    private static ObjectNode image(SbomImage image) {
        ObjectNode node = JSON.createObjectNode();
        node.put("digest", Objects.toString(image.digest(), null));
        node.put("platform", Objects.toString(image.platform(), null));
        ArrayNode layers = node.putArray("layers");
        for (Layer l : image.layers()) {
            layers.addObject()
                    .put("digest", l.digest().toString())
                    .put("diffId", Objects.toString(l.diffId(), null))
                    .put("size", l.size())
                    .put("createdBy", l.createdBy());
        }
        ArrayNode others = node.putArray("otherPlatforms");
        image.otherPlatforms().stream().map(Platform::toString).forEach(others::add);
        return node;
    }

    private static ObjectNode distro(Distro d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", d.id()).put("versionId", d.versionId()).put("codename", d.codename());
        return node;
    }

    private static ObjectNode pkg(Package p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", p.type().id()).put("name", p.name()).put("version", p.version()).put("purl", p.purl())
                .put("sourceName", p.sourceName()).put("sourceVersion", p.sourceVersion());
        ArrayNode licenses = node.putArray("licenses");
        p.licenses().forEach(licenses::add);
        ArrayNode locations = node.putArray("locations");
        for (Location l : p.locations()) locations.addObject().put("path", l.path()).put("layer", l.layer());
        // only on inferred identities, so the shape of certain packages does not change
        if (p.uncertainty() != null) node.put("uncertainty", p.uncertainty());
        return node;
    }
}
