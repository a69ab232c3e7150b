package io.spyglass.sbom.cyclonedx;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Digest;
import io.spyglass.sbom.ComponentHints;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomDistros;
import io.spyglass.sbom.SbomImage;
import io.spyglass.sbom.SbomPackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads CycloneDX JSON (1.0 to 1.7) back into an {@link Sbom}: components with a purl, nested ones
 * included, become packages, with the source package and locations each tool keeps in its own
 * properties ({@link CycloneDxProperties}); the metadata component is the image and an
 * operating-system component the distro (else the OS purls' {@code distro=}, see {@link SbomDistros}).
 * A component that cannot be read is a warning naming it; the others are kept.
 */
public final class CycloneDxSbomReader {
    private static final int MAX_DEPTH = 32;
    /** Component types that group packages (an application's lock file, a platform, an image) rather than being one. */
    private static final Set<String> GROUPING_TYPES = Set.of("application", "framework", "platform", "container",
            "device", "firmware", "file", "machine-learning-model", "data", "cryptographic-asset");

    private CycloneDxSbomReader() {}

    public static boolean isCycloneDx(JsonNode root) {
        return root.path("bomFormat").asText().equals("CycloneDX");
    }

    public static Sbom read(JsonNode bom, String source) {
        String spec = bom.path("specVersion").asText("");
        if (!spec.isEmpty() && !spec.matches("1\\.\\d+")) {
            throw new IllegalArgumentException(source + ": CycloneDX specVersion '" + spec + "' is not supported (1.x only)");
        }
        if (bom.has("components") && !bom.path("components").isArray()) {
            throw new IllegalArgumentException(source + ": CycloneDX 'components' is not a list");
        }
        JsonNode imageNode = bom.path("metadata").path("component");
        SbomImage image = new SbomImage(source, digest(imageNode.path("version").asText(null)), null, List.of(), List.of());
        Collected found = new Collected(source);
        found.collect(bom.path("components"), 0);
        Distro distro = SbomDistros.resolve(found.declared, found.hints.stream().map(ComponentHints::purl).toList());
        List<Package> packages = new ArrayList<>();
        for (ComponentHints c : found.hints) {
            try {
                packages.add(SbomPackages.from(c, distro));
            } catch (IllegalArgumentException e) {
                found.unknowns.add(new Unknown(source, null, "CycloneDX component '" + c.label() + "': " + ParseProblem.describe(e) + "; skipped"));
            }
        }
        String missing = SbomDistros.missingRelease(distro, packages);
        if (missing != null) found.unknowns.add(new Unknown(source, null, missing));
        return new Sbom(image, distro, packages, found.unknowns);
    }

    /** The components' hints, the declared operating system and the problems, gathered over the component tree. */
    private static final class Collected {
        final String source;
        final List<ComponentHints> hints = new ArrayList<>();
        final List<Unknown> unknowns = new ArrayList<>();
        Distro declared = Distro.NONE;

        Collected(String source) {
            this.source = source;
        }

        void collect(JsonNode components, int depth) {
            if (depth > MAX_DEPTH) {
                unknowns.add(new Unknown(source, null, "components nested deeper than " + MAX_DEPTH + "; rest skipped"));
                return;
            }
            for (JsonNode c : components) {
                if (!c.isObject()) {
                    unknowns.add(new Unknown(source, null, "CycloneDX component that is not an object: " + abbreviate(c) + "; skipped"));
                    continue;
                }
                CycloneDxProperties props = CycloneDxProperties.of(c);
                String type = c.path("type").asText();
                String label = label(c);
                if (type.equals("operating-system")) {
                    if (!declared.isKnown()) declared = props.distro(c);
                } else if (type.equals("container") || GROUPING_TYPES.contains(type) && isBlank(c, "purl") && isBlank(c, "version")) {
                    // an image or a group of packages: its nested components are the packages
                } else {
                    hints.add(props.hints(label, c));
                }
                collect(c.path("components"), depth + 1);
            }
        }
    }

    private static String label(JsonNode c) {
        String name = c.path("name").asText("");
        String group = c.path("group").asText("");
        String version = c.path("version").asText("");
        String label = (group.isEmpty() ? "" : group + "/") + (name.isEmpty() ? c.path("bom-ref").asText("?") : name);
        return version.isEmpty() ? label : label + "@" + version;
    }

    private static boolean isBlank(JsonNode c, String field) {
        return c.path(field).asText("").isBlank();
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static Digest digest(String text) {
        try {
            return text == null ? null : Digest.parse(text);
        } catch (RuntimeException e) {
            return null; // a foreign BOM may put any version on its metadata component
        }
    }
}
