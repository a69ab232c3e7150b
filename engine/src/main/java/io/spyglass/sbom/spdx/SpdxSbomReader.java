package io.spyglass.sbom.spdx;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Digest;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomImage;
import io.spyglass.sbom.SbomPackages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an SPDX 2.x JSON document back into an {@link Sbom}: packages with a purl become packages
 * (type and source package from the purl), the described CONTAINER package is the image, an
 * OPERATING_SYSTEM package is the distro. A package without a usable purl is reported, not guessed.
 */
public final class SpdxSbomReader {
    private SpdxSbomReader() {}

    public static boolean isSpdx(JsonNode root) {
        return root.path("spdxVersion").asText().startsWith("SPDX-");
    }

    public static Sbom read(JsonNode doc, String source) {
        String version = doc.path("spdxVersion").asText();
        if (!version.startsWith("SPDX-2.")) throw new IllegalArgumentException(source + ": SPDX version '" + version + "' is not supported (2.x only)");
        Set<String> described = described(doc);
        Map<String, String> extracted = new HashMap<>();
        for (JsonNode info : doc.path("hasExtractedLicensingInfos")) {
            extracted.put(info.path("licenseId").asText(), info.path("extractedText").asText());
        }
        SbomImage image = new SbomImage(source, null, null, List.of(), List.of());
        Distro distro = Distro.NONE;
        List<Package> packages = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        for (JsonNode p : doc.path("packages")) {
            String purpose = p.path("primaryPackagePurpose").asText();
            String id = p.path("SPDXID").asText();
            if (purpose.equals("OPERATING_SYSTEM") || purpose.equals("OPERATING-SYSTEM")) {
                distro = new Distro(text(p, "name"), text(p, "versionInfo"), codename(p));
            } else if (described.contains(id) && (purl(p) == null || purpose.equals("CONTAINER"))) {
                image = new SbomImage(source, digest(text(p, "versionInfo")), null, List.of(), List.of());
            } else {
                try {
                    packages.add(SbomPackages.fromPurl(purl(p), text(p, "name"), text(p, "versionInfo"),
                            licenses(p.path("licenseDeclared").asText(), extracted), locations(p)));
                } catch (IllegalArgumentException e) {
                    unknowns.add(new Unknown(source, null, "SPDX package " + id + ": " + ParseProblem.describe(e) + "; skipped"));
                }
            }
        }
        return new Sbom(image, distro, packages, unknowns);
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

    private static String purl(JsonNode p) {
        for (JsonNode ref : p.path("externalRefs")) {
            if (ref.path("referenceType").asText().equals("purl")) return ref.path("referenceLocator").asText();
        }
        return null;
    }

    /** Our own writer joins licences with AND; a plain conjunction is split back, LicenseRefs resolved. */
    static List<String> licenses(String declared, Map<String, String> extracted) {
        if (declared.isBlank() || declared.equals("NOASSERTION") || declared.equals("NONE")) return List.of();
        boolean conjunction = !declared.contains("(") && !declared.contains(" OR ") && !declared.contains(" WITH ");
        List<String> out = new ArrayList<>();
        for (String part : conjunction ? declared.split(" AND ") : new String[] {declared}) {
            out.add(extracted.getOrDefault(part.trim(), part.trim()));
        }
        return out;
    }

    private static List<Location> locations(JsonNode p) {
        String info = p.path("sourceInfo").asText();
        if (!info.startsWith(SpdxDocumentBuilder.FOUND_IN)) return List.of();
        List<Location> out = new ArrayList<>();
        for (String loc : info.substring(SpdxDocumentBuilder.FOUND_IN.length()).split("; ")) {
            int at = loc.lastIndexOf(SpdxDocumentBuilder.IN_LAYER);
            out.add(at < 0 ? Location.of(loc) : new Location(loc.substring(0, at), loc.substring(at + SpdxDocumentBuilder.IN_LAYER.length()), null));
        }
        return out;
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

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().equals("NOASSERTION") ? null : v.asText();
    }
}
