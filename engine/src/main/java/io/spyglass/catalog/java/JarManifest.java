package io.spyglass.catalog.java;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The identity fields of a MANIFEST.MF main section, blank ones as null. They are what a jar
 * without pom.properties says about itself: Maven's archiver writes {@code Implementation-Vendor-Id}
 * as the groupId, bnd and the maven-bundle-plugin derive {@code Bundle-SymbolicName} from group and
 * artifact, Gradle builds often carry only {@code Implementation-Title}/{@code -Version} or an
 * {@code Automatic-Module-Name}. None of them is a Maven coordinate by itself: {@link JarIdentity}
 * weighs them against the file name.
 */
record JarManifest(String symbolicName, String automaticModuleName, String vendorId, String title,
                   String implementationVersion, String bundleVersion, String specificationVersion) {

    static final JarManifest EMPTY = new JarManifest(null, null, null, null, null, null, null);

    static JarManifest parse(byte[] bytes) throws IOException {
        Attributes main = new Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
        String symbolic = value(main, "Bundle-SymbolicName");
        // "org.eclipse.osgi; singleton:=true": the directives are not part of the name
        if (symbolic != null) symbolic = blankToNull(symbolic.split(";")[0].trim());
        return new JarManifest(symbolic, value(main, "Automatic-Module-Name"), value(main, "Implementation-Vendor-Id"),
                first(main, "Implementation-Title", "Bundle-Name", "Specification-Title"),
                value(main, "Implementation-Version"), value(main, "Bundle-Version"), value(main, "Specification-Version"));
    }

    /** Where the main section ends (the first empty line, its line break included), or -1 if not in {@code bytes}. */
    static int mainSectionEnd(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] != '\n') continue;
            if (bytes[i + 1] == '\n') return i + 2;
            if (bytes[i + 1] == '\r' && i + 2 < bytes.length && bytes[i + 2] == '\n') return i + 3;
        }
        return -1;
    }

    /** The version the manifest states, the most specific first. */
    String version() {
        return implementationVersion != null ? implementationVersion
                : bundleVersion != null ? bundleVersion : specificationVersion;
    }

    private static String first(Attributes attributes, String... keys) {
        for (String key : keys) {
            String v = value(attributes, key);
            if (v != null) return v;
        }
        return null;
    }

    private static String value(Attributes attributes, String key) {
        return blankToNull(attributes.getValue(key));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
