package io.spyglass.catalog.java;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The fallback when an archive has no pom.properties: name and version from the main section of
 * MANIFEST.MF (Implementation-*, Specification-*, Bundle-*), the file name filling what is missing.
 */
record JarManifest(String groupId, String name, String version) {

    static JarManifest parse(byte[] bytes) throws IOException {
        Attributes main = new Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
        String symbolic = first(main, "Bundle-SymbolicName");
        if (symbolic != null) symbolic = symbolic.split(";")[0].trim();
        String name = first(main, "Implementation-Title", "Specification-Title", "Bundle-Name");
        String version = first(main, "Implementation-Version", "Bundle-Version", "Specification-Version");
        String group = first(main, "Implementation-Vendor-Id");
        if (group == null && symbolic != null && symbolic.contains(".")) {
            group = symbolic.substring(0, symbolic.lastIndexOf('.'));
        }
        if (name == null) name = symbolic;
        return new JarManifest(group, name, version);
    }

    private static String first(Attributes attributes, String... keys) {
        for (String key : keys) {
            String v = attributes.getValue(key);
            if (v != null && !v.isBlank()) return v.trim();
        }
        return null;
    }
}
