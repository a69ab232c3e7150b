package io.spyglass.catalog.java;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A groupId read off a MANIFEST.MF, for a jar without Maven metadata. Maven's archiver writes
 * {@code Implementation-Vendor-Id} as the groupId, and the maven-bundle-plugin (or bnd) makes
 * {@code Bundle-SymbolicName} from group and artifact; Java module names often follow. So:
 *
 * <ul>
 *   <li>{@code confirmed}: the symbolic name is what the bundle plugin would make of the
 *       vendor id and this artifact ({@link #groupsOf}): log4j's {@code org.apache.logging.log4j} +
 *       {@code org.apache.logging.log4j.1.2-api}.
 *   <li>not confirmed: the vendor id is a reverse domain that a name merely starts with, and no name
 *       points elsewhere (PostgreSQL's {@code org.postgresql} + {@code org.postgresql.jdbc}, Bouncy
 *       Castle's {@code org.bouncycastle} + {@code org.bouncycastle.provider}). Usually right, reported
 *       as a guess. Not when the name goes on with the artifact's first word (Apache Commons:
 *       {@code org.apache} + {@code org.apache.commons.digester} for {@code commons-digester3}).
 *   <li>none: no vendor id (JNA's {@code com.sun.jna} is a Java package, Maven Central has
 *       {@code net.java.dev.jna}), or a name allows a longer or shorter group as well: {@code
 *       org.apache} + {@code org.apache.velocity} fits velocity 1.7 ({@code org.apache.velocity})
 *       and config 1.4.1 ({@code com.typesafe}) alike.
 * </ul>
 *
 * Measured on the 1,347 jars (463 artifacts) of a developer's Maven repository, their pom.properties
 * ignored: 31 confirmed groups and 8 guesses, all right; the other 1,308 unknown (before the
 * Apache Commons rule below, one guess of 9 was wrong: commons-digester3 as {@code org.apache}). Taking a symbolic name alone when it holds the
 * dashed artifactId ({@code org.scala-lang.scala-library}) was tried and dropped: Apache Commons
 * writes {@code org.apache.commons.commons-io} for {@code commons-io:commons-io} (24 of 64 wrong).
 */
record ManifestGroup(String groupId, boolean confirmed) {
    private static final Pattern REVERSE_DOMAIN = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+");

    /** The group the manifest gives this artifact, or null. */
    static ManifestGroup of(JarManifest mf, String artifact) {
        String vendorId = mf.vendorId();
        if (vendorId == null || !vendorId.matches("[A-Za-z0-9_.-]+")) return null;
        Set<String> all = new HashSet<>();
        boolean confirmed = false;
        boolean prefix = false;
        for (String name : new String[] {mf.symbolicName(), mf.automaticModuleName()}) {
            if (name == null) continue;
            Set<String> groups = groupsOf(name, artifact);
            all.addAll(groups);
            // only the bundle plugin builds its name from the coordinates; a module name is a Java
            // package name (joda-time's org.joda.time would "confirm" org.joda, its group is joda-time)
            confirmed |= name.equals(mf.symbolicName()) && groups.contains(vendorId);
            prefix |= name.startsWith(vendorId + ".") && !continuesWithArtifact(name, vendorId, artifact);
        }
        for (String other : all) {
            if (!other.equals(vendorId) && (other.startsWith(vendorId + ".") || vendorId.startsWith(other + "."))) return null;
        }
        if (confirmed) return new ManifestGroup(vendorId, true);
        if (prefix && all.isEmpty() && REVERSE_DOMAIN.matcher(vendorId).matches()) return new ManifestGroup(vendorId, false);
        return null;
    }

    /**
     * True when the name goes on after the vendor id with the artifact's first word: Apache Commons'
     * {@code org.apache} + {@code org.apache.commons.collections} for {@code commons-collections3}. The
     * vendor id is then a parent of the group ({@code org.apache.commons}, or the legacy
     * {@code commons-collections}), not the group.
     */
    private static boolean continuesWithArtifact(String name, String vendorId, String artifact) {
        String next = name.substring(vendorId.length() + 1).split("\\.")[0];
        String firstWord = artifact.split("[-_.]")[0];
        return next.equalsIgnoreCase(firstWord);
    }

    /**
     * The groups from which the maven-bundle-plugin's default would make {@code name} for this
     * artifact: {@code group.artifact} ({@code io.projectreactor.reactor-core}), the group itself
     * when the artifact is its last part ({@code org.objenesis}), or {@code group.rest} when the
     * artifact is the group's last part plus "-rest" ({@code org.apache.logging.log4j.core}).
     */
    static Set<String> groupsOf(String name, String artifact) {
        Set<String> groups = new HashSet<>();
        String[] parts = name.split("\\.");
        if (parts.length < 2) return groups;
        String a = artifact.toLowerCase(Locale.ROOT);
        if (name.toLowerCase(Locale.ROOT).endsWith("." + a)) groups.add(name.substring(0, name.length() - a.length() - 1));
        if (parts[parts.length - 1].equalsIgnoreCase(a)) groups.add(name);
        for (int i = 1; i < parts.length; i++) {
            String last = parts[i - 1].toLowerCase(Locale.ROOT);
            String rest = String.join(".", Arrays.copyOfRange(parts, i, parts.length)).toLowerCase(Locale.ROOT);
            if (a.equals(last + "-" + rest)) groups.add(String.join(".", Arrays.copyOfRange(parts, 0, i)));
        }
        return groups;
    }
}
