package io.spyglass.catalog.java;

import io.spyglass.catalog.Package;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a jar without pom.properties is. Gradle, sbt and ant builds (kotlin-stdlib, okhttp, jna,
 * Bouncy Castle) and Debian's {@code /usr/share/java} jars carry no Maven coordinates, only a file
 * name and a manifest, and both can mislead: the manifest's {@code Implementation-Version} is often
 * decorated ({@code 5.13.0 (b0)}, {@code 1.8.10-release-459}) and its names are Java names, not
 * groups ({@code com.sun.jna} is published as {@code net.java.dev.jna:jna}).
 *
 * <p>So the artifactId and version come from the file name, which is what Maven, Gradle and Debian
 * name a copied jar ({@code artifactId-version[-classifier].jar}); the manifest only chooses where the
 * version starts ({@code log4j-1.2-api-2.17.2.jar}) and confirms it. The groupId is taken from
 * {@code META-INF/maven/<group>/<artifact>/pom.xml} or a Maven repository layout around the file, or from the manifest ({@link ManifestGroup}): as a
 * fact when two fields agree, as a stated guess when only the vendor id gives it; otherwise it is left
 * unknown and the package says so ({@link Package#uncertainty()}) instead of carrying a guessed group.
 *
 * <p>{@code META-INF/versions/N/module-info.class} of multi-release jars is not read: in the jars
 * looked at (kotlin-stdlib, xz, picocli) it has no version, and its name is a Java package name,
 * like {@code Automatic-Module-Name}, which confirms no group (see {@link ManifestGroup}).
 */
final class JarIdentity {
    /** Where a version may start in a file name: a dash before a digit. */
    private static final Pattern VERSION_START = Pattern.compile("-(?=\\d)");
    private static final Pattern ARCHIVE_EXTENSION = Pattern.compile("(?i)\\.(jar|war|ear|jpi|hpi)$");
    /** Attached artifacts that repeat another artifact's identity without being installed code. */
    private static final Pattern NOT_A_PACKAGE = Pattern.compile("(?i).*-(sources|javadoc|test-sources)$");
    private static final Pattern VERSION_LINE = Pattern.compile("(?i)\\d+(\\.\\d+)*\\.x");

    private JarIdentity() {}

    /**
     * The package of the archive at {@code location} (its last element is the file name), or null
     * when it is not one (a sources jar) or nothing gives it a version.
     *
     * @param pomXmlCoordinates {group, artifact} of each {@code META-INF/maven/<g>/<a>/pom.xml}
     */
    static Package identify(String location, JarManifest manifest, List<String[]> pomXmlCoordinates) {
        JarManifest mf = manifest == null ? JarManifest.EMPTY : manifest;
        String base = ARCHIVE_EXTENSION.matcher(location.substring(
                Math.max(location.lastIndexOf('/'), location.lastIndexOf(':')) + 1)).replaceFirst("");
        if (base.isEmpty() || NOT_A_PACKAGE.matcher(base).matches()) return null;
        List<String> notes = new ArrayList<>();
        String[] split = split(base, mf);
        String artifact = split[0];
        String version = version(split[1], mf, notes);
        if (version == null) return null;
        String group = null;
        for (String[] ga : pomXmlCoordinates) {
            if (ga[1].equals(artifact)) group = ga[0];
        }
        if (group == null) group = repositoryGroup(location, artifact, split[1]);
        if (group == null) {
            ManifestGroup fromManifest = ManifestGroup.of(mf, artifact);
            if (fromManifest == null) {
                notes.add(0, "groupId unknown: no Maven metadata in the jar; artifactId from the file name");
            } else {
                group = fromManifest.groupId();
                if (!fromManifest.confirmed()) notes.add(0, "groupId from Implementation-Vendor-Id alone (no Maven metadata in the jar)");
            }
        }
        return MavenPackages.create(group, artifact, version, location, notes.isEmpty() ? null : String.join("; ", notes));
    }

    /**
     * The group of a jar in a Maven repository layout, {@code <root>/g/r/o/u/p/artifact/version/artifact-version[-classifier].jar},
     * the root being a folder named {@code repository} ({@code ~/.m2/repository}) or {@code maven-repo}
     * (Debian's {@code /usr/share/maven-repo}): Maven, or Debian's maven-repo-helper, laid it out from the pom.
     */
    static String repositoryGroup(String location, String artifact, String fileVersion) {
        if (location.indexOf(':') >= 0 || fileVersion == null) return null; // nested archives are not laid out
        String[] parts = location.split("/");
        int n = parts.length;
        if (n < 5 || !parts[n - 3].equals(artifact) || !parts[n - 1].startsWith(artifact + "-" + parts[n - 2])
                || !fileVersion.startsWith(parts[n - 2])) {
            return null;
        }
        for (int root = n - 5; root >= 0; root--) {
            if (parts[root].equals("repository") || parts[root].equals("maven-repo")) {
                return String.join(".", Arrays.copyOfRange(parts, root + 1, n - 3));
            }
        }
        return null;
    }

    /** The version: the file name's, unless the manifest must fill or correct it (then {@code notes} say so). */
    private static String version(String fromName, JarManifest mf, List<String> notes) {
        if (fromName != null && VERSION_LINE.matcher(fromName).matches()) {
            // Debian's spring3-core-3.x.jar: a line of versions, the manifest has the one installed
            if (mf.version() != null) notes.add("version from MANIFEST.MF; the file name has only the version line " + fromName);
            return mf.version();
        }
        if (fromName == null) {
            if (mf.version() != null) notes.add("version from MANIFEST.MF only (the file name has none)");
            return mf.version();
        }
        if (agreesWithAny(fromName, mf) || mf.version() == null) return fromName;
        for (String stated : new String[] {mf.implementationVersion(), mf.bundleVersion(), mf.specificationVersion()}) {
            // log4j-1.2-1.2.17.jar read as log4j: Debian put the API line before the version
            if (stated != null && fromName.endsWith("-" + stated)) {
                notes.add("version " + stated + " from MANIFEST.MF; the file name has " + fromName);
                return stated;
            }
            // lwjgl-3.3.1-natives-linux.jar: artifactId-version-classifier, the manifest knowing the version
            if (stated != null && fromName.startsWith(stated + "-") && Character.isLetter(fromName.charAt(stated.length() + 1))) {
                notes.add("version " + stated + " from MANIFEST.MF; '" + fromName.substring(stated.length() + 1)
                        + "' of the file name taken as a classifier");
                return stated;
            }
        }
        notes.add("version from the file name; MANIFEST.MF says " + mf.version());
        return fromName;
    }

    /**
     * {artifact, version or null}. The version starts at a "-digit"; of several, the one whose
     * artifact the manifest names (Debian's {@code log4j-1.2-1.2.17.jar}, symbolic name
     * {@code org.apache.log4j}), else the first whose version it confirms ({@code log4j-1.2-api-2.17.2.jar}),
     * else the first.
     */
    static String[] split(String base, JarManifest mf) {
        Matcher m = VERSION_START.matcher(base);
        List<String[]> candidates = new ArrayList<>();
        while (m.find()) {
            if (m.start() > 0) candidates.add(new String[] {base.substring(0, m.start()), base.substring(m.end())});
        }
        if (candidates.isEmpty()) return new String[] {base, null};
        if (candidates.size() > 1) {
            for (String[] c : candidates) if (named(c[0], mf)) return c;
            for (String[] c : candidates) if (agreesWithAny(c[1], mf)) return c;
        }
        return candidates.get(0);
    }

    /** True when the manifest names this artifact: its title, its symbolic name's last part, or a bundle-plugin name for it. */
    private static boolean named(String artifact, JarManifest mf) {
        if (artifact.equalsIgnoreCase(mf.title())) return true;
        String bsn = mf.symbolicName();
        return bsn != null && (bsn.substring(bsn.lastIndexOf('.') + 1).equalsIgnoreCase(artifact)
                || !ManifestGroup.groupsOf(bsn, artifact).isEmpty());
    }

    private static boolean agreesWithAny(String fileVersion, JarManifest mf) {
        return agrees(fileVersion, mf.implementationVersion()) || agrees(fileVersion, mf.bundleVersion())
                || agrees(fileVersion, mf.specificationVersion());
    }

    /**
     * True when the manifest states this version, maybe decorated: {@code 5.13.0 (b0)},
     * {@code 1.8.10-release-459}, {@code 1.0.48.RELEASE}, or OSGi-padded {@code 3.3.0} for {@code 3.3};
     * never a longer number ({@code 1.2.17} does not state {@code 1.2}).
     */
    static boolean agrees(String fileVersion, String stated) {
        if (stated == null) return false;
        for (String v = fileVersion; v.length() <= fileVersion.length() + 4; v = v + ".0") {
            if (stated.equals(v)) return true;
            if (stated.startsWith(v)) {
                String rest = stated.substring(v.length());
                if (!Character.isDigit(rest.charAt(0)) && !rest.matches("^\\.\\d.*")) return true;
            }
            if (!v.matches("\\d+(\\.\\d+)*")) break;
        }
        return false;
    }

}
