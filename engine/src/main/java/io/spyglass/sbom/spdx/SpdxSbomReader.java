package io.spyglass.sbom.spdx;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an SPDX 2.x JSON document back into an {@link Sbom}: packages with a purl become packages
 * (type from the purl, source package from the purl or trivy's {@code sourceInfo}, see
 * {@link SpdxPackageHints}); the image is the described CONTAINER package (trivy: {@code
 * SPDXRef-ContainerImage-…}), the distro the OPERATING_SYSTEM package (trivy before SPDX 2.3:
 * {@code SPDXRef-OperatingSystem-…}), else the OS purls' {@code distro=}. A package without a usable
 * purl is reported by name, not guessed; a layer or application without purl that CONTAINS or DEPENDS_ON packages is no package itself.
 */
public final class SpdxSbomReader {
    /** k8s-bom names each image layer by its digest. */
    private static final Pattern LAYER_NAME = Pattern.compile("sha256:[0-9a-f]{64}");

    private SpdxSbomReader() {}

    public static boolean isSpdx(JsonNode root) {
        return root.path("spdxVersion").asText().startsWith("SPDX-");
    }

    public static Sbom read(JsonNode doc, String source) {
        String version = doc.path("spdxVersion").asText();
        if (!version.matches("SPDX-2\\.\\d+")) throw new IllegalArgumentException(source + ": SPDX version '" + version + "' is not supported (2.x only)");
        if (doc.has("packages") && !doc.path("packages").isArray()) throw new IllegalArgumentException(source + ": SPDX 'packages' is not a list");
        Set<String> described = described(doc);
        Set<String> containers = containers(doc);
        Map<String, String> extracted = new HashMap<>();
        for (JsonNode info : doc.path("hasExtractedLicensingInfos")) {
            extracted.put(info.path("licenseId").asText(), info.path("extractedText").asText());
        }
        SpdxPackageHints reader = new SpdxPackageHints(extracted, ours(doc));
        SbomImage image = new SbomImage(source, null, null, List.of(), List.of());
        Distro declared = Distro.NONE;
        List<ComponentHints> hints = new ArrayList<>();
        List<String> purls = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        for (JsonNode p : doc.path("packages")) {
            String purpose = p.path("primaryPackagePurpose").asText();
            String id = p.path("SPDXID").asText();
            String purl = SpdxPackageHints.purl(p);
            if (purl != null) purls.add(purl);
            if (purpose.equals("OPERATING_SYSTEM") || purpose.equals("OPERATING-SYSTEM") || id.startsWith("SPDXRef-OperatingSystem")) {
                if (!declared.isKnown()) declared = new Distro(text(p, "name"), text(p, "versionInfo"), codename(p));
            } else if (purpose.equals("CONTAINER") || id.startsWith("SPDXRef-ContainerImage") || isImagePurl(purl)
                    || described.contains(id) && purl == null) {
                if (image.digest() == null) image = new SbomImage(source, imageDigest(p, purl), null, List.of(), List.of());
            } else if (purl == null && (containers.contains(id) || LAYER_NAME.matcher(p.path("name").asText()).matches())) {
                // a layer, an application's lock file, a directory: the packages are its children
            } else {
                hints.add(reader.hints(p));
            }
        }
        Distro distro = SbomDistros.resolve(declared, purls);
        List<Package> packages = new ArrayList<>();
        for (ComponentHints c : hints) {
            try {
                packages.add(SbomPackages.from(c, distro));
            } catch (IllegalArgumentException e) {
                unknowns.add(new Unknown(source, null, "SPDX package " + c.label() + ": " + ParseProblem.describe(e) + "; skipped"));
            }
        }
        String missing = SbomDistros.missingRelease(distro, packages);
        if (missing != null) unknowns.add(new Unknown(source, null, missing));
        return new Sbom(image, distro, packages, unknowns);
    }

    private static boolean ours(JsonNode doc) {
        for (JsonNode c : doc.path("creationInfo").path("creators")) if (c.asText().equals("Tool: spyglass")) return true;
        return false;
    }

    private static Set<String> described(JsonNode doc) {
        Set<String> ids = new HashSet<>();
        doc.path("documentDescribes").forEach(n -> ids.add(n.asText()));
        for (JsonNode r : doc.path("relationships")) {
            if (r.path("relationshipType").asText().equals("DESCRIBES") && r.path("spdxElementId").asText().equals("SPDXRef-DOCUMENT")) {
                ids.add(r.path("relatedSpdxElement").asText());
            }
        }
        return ids;
    }

    /** Elements that CONTAIN others or that others are dependencies of (tern's layers, trivy's applications). */
    private static Set<String> containers(JsonNode doc) {
        Set<String> ids = new HashSet<>();
        for (JsonNode r : doc.path("relationships")) {
            String type = r.path("relationshipType").asText();
            if (type.equals("CONTAINS") || type.equals("DEPENDS_ON")) ids.add(r.path("spdxElementId").asText());
        }
        return ids;
    }

    private static boolean isImagePurl(String purl) {
        return purl != null && (purl.startsWith("pkg:oci/") || purl.startsWith("pkg:docker/"));
    }

    private static Digest imageDigest(JsonNode p, String purl) {
        Digest d = digest(text(p, "versionInfo"));
        if (d == null && purl != null && purl.startsWith("pkg:oci/") && purl.contains("@")) {
            String v = purl.substring(purl.indexOf('@') + 1).replaceFirst("[?#].*$", "").replace("%3A", ":");
            d = digest(v);
        }
        return d;
    }

    private static String codename(JsonNode p) {
        String comment = p.path("comment").asText();
        return comment.startsWith("codename: ") ? comment.substring("codename: ".length()) : null;
    }

    private static Digest digest(String text) {
        try {
            return text == null ? null : Digest.parse(text);
        } catch (RuntimeException e) {
            return null; // a foreign SPDX may put any version string on its root package
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() || v.asText().equals("NOASSERTION") ? null : v.asText();
    }
}
