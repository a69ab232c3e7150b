package io.spyglass.catalog.dotnet;

import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.ParseResult;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Legacy {@code packages.config}: {@code <package id="x" version="1.2.3"/>} elements.
 * {@code developmentDependency="true"} packages are build-time only and left out. DTDs and external
 * entities are refused (XXE).
 */
final class PackagesConfigParser {
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private PackagesConfigParser() {}

    static ParseResult parse(String path, String text) throws FileContent.MalformedContentException {
        List<Package> out = new ArrayList<>();
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new StringReader(text));
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals("package")) continue;
                String id = r.getAttributeValue(null, "id");
                String version = r.getAttributeValue(null, "version");
                if ("true".equalsIgnoreCase(r.getAttributeValue(null, "developmentDependency"))) continue;
                if (id == null || id.isBlank() || version == null || version.isBlank()) {
                    throw new FileContent.MalformedContentException("<package> without id or version at line "
                            + r.getLocation().getLineNumber());
                }
                out.add(NugetPackages.create(id.trim(), version.trim(), path));
            }
        } catch (XMLStreamException e) {
            throw new FileContent.MalformedContentException("bad XML: " + ParseProblem.describe(e));
        }
        return ParseResult.of(out);
    }
}
