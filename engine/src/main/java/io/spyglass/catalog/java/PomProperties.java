package io.spyglass.catalog.java;

import io.spyglass.catalog.FileContent;
import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

/** A {@code META-INF/maven/<group>/<artifact>/pom.properties}: the coordinates Maven wrote at build time. */
record PomProperties(String groupId, String artifactId, String version) {

    /** Parsed coordinates, or null when the file lacks an artifactId or version; malformed text is a MalformedContentException. */
    static PomProperties parse(String text) throws IOException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IllegalArgumentException e) { // a malformed backslash-u escape (found by JavaArchiveFuzzTest)
            throw new FileContent.MalformedContentException("malformed pom.properties: " + e.getMessage());
        }
        String group = trimmed(p.getProperty("groupId"));
        String artifact = trimmed(p.getProperty("artifactId"));
        String version = trimmed(p.getProperty("version"));
        if (artifact == null || version == null) return null;
        return new PomProperties(group, artifact, version);
    }

    static boolean isPomProperties(String entryName) {
        return entryName.startsWith("META-INF/maven/") && entryName.endsWith("/pom.properties");
    }

    /**
     * {@code META-INF/maven/<group>/<artifact>/pom.xml}: Maven writes it beside pom.properties, and
     * some builds keep only it; its path alone names group and artifact.
     */
    static boolean isPomXml(String entryName) {
        return entryName.startsWith("META-INF/maven/") && entryName.endsWith("/pom.xml")
                && entryName.split("/").length == 5;
    }

    /** {group, artifact} of a {@link #isPomXml pom.xml} entry. */
    static String[] pomXmlCoordinates(String entryName) {
        String[] parts = entryName.split("/");
        return new String[] {parts[2], parts[3]};
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
