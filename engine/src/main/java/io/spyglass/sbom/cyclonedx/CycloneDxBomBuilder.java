package io.spyglass.sbom.cyclonedx;

import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.sbom.PackageIds;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SpdxLicenses;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Maps an {@link Sbom} onto cyclonedx-core-java's model: the image is the metadata component
 * (type container), the distro an operating-system component, each package a library component
 * with its purl. What CycloneDX has no field for is kept in {@code spyglass:*} properties, so that
 * {@code sbom://} reads it back unchanged: type, source package and the locations with their layers.
 */
final class CycloneDxBomBuilder {
    static final String PREFIX = "spyglass:";
    static final String OS_REF = "os";
    static final String IMAGE_REF = "image";

    private CycloneDxBomBuilder() {}

    static Bom build(Sbom sbom) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + PackageIds.documentUuid(sbom));
        bom.setVersion(1);
        bom.setMetadata(metadata(sbom));
        List<Component> components = new ArrayList<>();
        if (sbom.distro().isKnown()) components.add(os(sbom.distro()));
        for (Package p : sbom.packages()) components.add(component(p));
        bom.setComponents(components);
        return bom;
    }

    private static Metadata metadata(Sbom sbom) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(null); // the model stamps "now"; optional in CycloneDX, and it would make output differ per run
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("spyglass");
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setBomRef(IMAGE_REF);
        String digest = Objects.toString(sbom.image().digest(), null);
        image.setName(sbom.image().reference() != null ? sbom.image().reference() : digest != null ? digest : "image");
        image.setVersion(digest);
        metadata.setComponent(image);
        return metadata;
    }

    private static Component os(Distro distro) {
        Component os = new Component();
        os.setType(Component.Type.OPERATING_SYSTEM);
        os.setBomRef(OS_REF);
        os.setName(distro.id());
        os.setVersion(distro.versionId());
        if (distro.codename() != null) os.addProperty(new Property(PREFIX + "distro:codename", distro.codename()));
        return os;
    }

    private static Component component(Package p) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef("pkg-" + p.type().id() + "-" + PackageIds.of(p));
        c.setName(p.name());
        c.setVersion(p.version());
        c.setPurl(p.purl());
        LicenseChoice licenses = licenses(p.licenses());
        if (licenses != null) c.setLicenses(licenses);
        c.addProperty(new Property(PREFIX + "type", p.type().id()));
        if (p.sourceName() != null) c.addProperty(new Property(PREFIX + "sourceName", p.sourceName()));
        if (p.sourceVersion() != null) c.addProperty(new Property(PREFIX + "sourceVersion", p.sourceVersion()));
        if (p.uncertainty() != null) c.addProperty(new Property(PREFIX + "uncertainty", p.uncertainty()));
        for (int i = 0; i < p.locations().size(); i++) {
            Location l = p.locations().get(i);
            c.addProperty(new Property(PREFIX + "location:" + i + ":path", l.path()));
            if (l.layer() != null) c.addProperty(new Property(PREFIX + "location:" + i + ":layer", l.layer()));
            if (l.diffId() != null) c.addProperty(new Property(PREFIX + "location:" + i + ":diffId", l.diffId()));
        }
        return c;
    }

    /**
     * CycloneDX allows either licence entries or one expression: a single compound SPDX expression is
     * written as an expression, anything else as one licence each (by SPDX id where it is one, else by name).
     */
    static LicenseChoice licenses(List<String> licenses) {
        if (licenses.isEmpty()) return null;
        LicenseChoice choice = new LicenseChoice();
        String single = licenses.size() == 1 ? SpdxLicenses.expression(licenses.get(0)) : null;
        if (single != null && single.contains(" ")) {
            choice.setExpression(new Expression(single));
            return choice;
        }
        for (String text : licenses) {
            License license = new License();
            String id = SpdxLicenses.canonicalId(text);
            if (id != null) license.setId(id);
            else license.setName(text);
            choice.addLicense(license);
        }
        return choice;
    }
}
