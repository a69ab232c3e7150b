package io.spyglass.sbom.spdx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.PackageIds;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SpdxLicenses;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds one SPDX 2.3 document: the image is the described root package (purpose CONTAINER), the
 * distro an OPERATING_SYSTEM package, and every package a package with its purl as a
 * PACKAGE-MANAGER external reference, contained by the image. Licence strings that are not SPDX
 * expressions become {@code LicenseRef-} ids whose extracted text is the original string.
 */
final class SpdxDocumentBuilder {
    static final String NAMESPACE_BASE = "https://spyglass.invalid/spdx/";
    static final String IMAGE_ID = "SPDXRef-DocumentRoot-Image";
    static final String OS_ID = "SPDXRef-OperatingSystem";
    static final String FOUND_IN = "acquired package info from ";
    /** How the comment of a package with an inferred identity starts ({@link Package#uncertainty()}). */
    static final String UNCERTAIN = "identity uncertain: ";
    static final String IN_LAYER = " in layer ";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Sbom sbom;
    private final Instant created;
    private final Map<String, String> extractedLicenses = new TreeMap<>();

    SpdxDocumentBuilder(Sbom sbom, Instant created) {
        this.sbom = sbom;
        this.created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    ObjectNode build() {
        String name = imageName();
        ObjectNode doc = NODES.objectNode();
        doc.put("spdxVersion", "SPDX-2.3").put("dataLicense", "CC0-1.0").put("SPDXID", "SPDXRef-DOCUMENT").put("name", name)
                .put("documentNamespace", NAMESPACE_BASE + PackageIds.idSafe(name) + "-" + PackageIds.documentUuid(sbom));
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", created.toString());
        creation.putArray("creators").add("Tool: spyglass");
        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = NODES.arrayNode();
        packages.add(imagePackage(name));
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", IMAGE_ID);
        if (sbom.distro().isKnown()) {
            packages.add(osPackage(sbom.distro()));
            relationship(relationships, IMAGE_ID, "CONTAINS", OS_ID);
        }
        for (Package p : sbom.packages()) {
            String id = spdxId(p);
            packages.add(pkg(p, id));
            relationship(relationships, IMAGE_ID, "CONTAINS", id);
        }
        if (!extractedLicenses.isEmpty()) {
            ArrayNode infos = doc.putArray("hasExtractedLicensingInfos");
            extractedLicenses.forEach((id, text) -> infos.addObject().put("licenseId", id).put("extractedText", text).put("name", text));
        }
        doc.set("relationships", relationships);
        return doc;
    }

    static String spdxId(Package p) {
        return "SPDXRef-Package-" + p.type().id() + "-" + PackageIds.idSafe(p.name()) + "-" + PackageIds.of(p);
    }

    private String imageName() {
        if (sbom.image().reference() != null) return sbom.image().reference();
        return sbom.image().digest() != null ? sbom.image().digest().toString() : "image";
    }

    private ObjectNode imagePackage(String name) {
        ObjectNode node = basePackage(IMAGE_ID, name, Objects.toString(sbom.image().digest(), null));
        node.put("primaryPackagePurpose", "CONTAINER");
        if (sbom.image().digest() != null && sbom.image().digest().algorithm().equals("sha256")) {
            node.putArray("checksums").addObject().put("algorithm", "SHA256").put("checksumValue", sbom.image().digest().hex());
        }
        return node;
    }

    private static ObjectNode osPackage(Distro distro) {
        ObjectNode node = basePackage(OS_ID, distro.id(), distro.versionId());
        node.put("primaryPackagePurpose", "OPERATING_SYSTEM"); // the JSON schema spells purposes with underscores
        if (distro.codename() != null) node.put("comment", "codename: " + distro.codename());
        return node;
    }

    private ObjectNode pkg(Package p, String id) {
        ObjectNode node = basePackage(id, p.name(), p.version());
        node.put("licenseDeclared", declared(p.licenses()));
        if (p.purl() != null) {
            node.putArray("externalRefs").addObject().put("referenceCategory", "PACKAGE-MANAGER")
                    .put("referenceType", "purl").put("referenceLocator", p.purl());
        }
        if (p.uncertainty() != null) node.put("comment", UNCERTAIN + p.uncertainty());
        if (!p.locations().isEmpty()) {
            node.put("sourceInfo", FOUND_IN + p.locations().stream().map(SpdxDocumentBuilder::location)
                    .collect(Collectors.joining("; ")));
        }
        return node;
    }

    private static String location(Location l) {
        return l.layer() == null ? l.path() : l.path() + IN_LAYER + l.layer();
    }

    private static ObjectNode basePackage(String id, String name, String version) {
        ObjectNode node = NODES.objectNode();
        node.put("SPDXID", id).put("name", name);
        if (version != null) node.put("versionInfo", version);
        node.put("downloadLocation", "NOASSERTION").put("filesAnalyzed", false)
                .put("licenseConcluded", "NOASSERTION").put("licenseDeclared", "NOASSERTION").put("copyrightText", "NOASSERTION");
        return node;
    }

    /** All licences joined with AND; a string that is no SPDX expression becomes a LicenseRef. */
    private String declared(List<String> licenses) {
        if (licenses.isEmpty()) return "NOASSERTION";
        List<String> parts = new ArrayList<>();
        for (String license : licenses) {
            String expression = SpdxLicenses.expression(license);
            if (expression == null) {
                expression = "LicenseRef-" + PackageIds.idSafe(license) + "-" + sha8(license);
                extractedLicenses.put(expression, license);
            }
            parts.add(licenses.size() > 1 && expression.contains(" ") ? "(" + expression + ")" : expression);
        }
        return String.join(" AND ", parts);
    }

    private static String sha8(String text) {
        return Integer.toHexString(text.hashCode() | 0x10000000);
    }

    private static void relationship(ArrayNode relationships, String from, String type, String to) {
        relationships.addObject().put("spdxElementId", from).put("relationshipType", type).put("relatedSpdxElement", to);
    }
}
