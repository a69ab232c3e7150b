package io.spyglass.testing;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.spyglass.catalog.Package;
import java.util.List;
import java.util.Locale;

/**
 * One (ecosystem, normalised name, version) of the ground truth of {@code build-mix-image.sh}, or
 * of a reported package, normalised as ../shared/corpus/README.md says ("Compare as sets of (type,
 * normalised name, version) per image"): PyPI names per PEP 503, Maven {@code group:artifact},
 * npm {@code @scope/name}, Go versions without {@code v}, Debian versions with their epoch (an
 * explicit {@code 0:} is the same version as none). In a truth entry, a name {@code *:artifact}
 * stands for any group and a version {@code *} for any version (neutral and {@code alt} entries).
 */
public record TruthKey(String ecosystem, String name, String version) {
    /** The ecosystems {@code expected.json} gives packages for; other types are not counted. */
    public static final List<String> COUNTED = List.of("deb", "pypi", "gem", "npm", "maven", "golang");

    public static final String ANY = "*";

    public TruthKey {
        ecosystem = ecosystem.trim().toLowerCase(Locale.ROOT);
        name = normaliseName(ecosystem, name.trim());
        version = normaliseVersion(ecosystem, version == null ? "" : version.trim());
    }

    /** The key of a reported package; Maven's group comes from the purl, as Spyglass keeps only the artifactId in the name. */
    public static TruthKey of(Package p) {
        String type = p.type().id();
        String name = p.name();
        if (type.equals("maven") && !name.contains(":")) name = mavenGroup(p) + ":" + name;
        return new TruthKey(type, name, p.version());
    }

    /** Whether this key (possibly with wildcards, as in the truth) stands for the reported key {@code r}. */
    public boolean matches(TruthKey r) {
        if (!ecosystem.equals(r.ecosystem)) return false;
        if (!version.equals(ANY) && !version.equals(r.version)) return false;
        if (name.equals(ANY)) return true;
        if (name.startsWith("*:")) return r.name.endsWith(name.substring(1));
        return name.equals(r.name);
    }

    /** The part a human would call the package's name: Maven's artifact, else the whole name. */
    public String shortName() {
        return ecosystem.equals("maven") ? name.substring(name.indexOf(':') + 1) : name;
    }

    @Override
    public String toString() {
        return ecosystem + " " + name + " " + (version.isEmpty() ? "(no version)" : version);
    }

    static String normaliseName(String ecosystem, String name) {
        // PEP 503: runs of -, _ and . are one -, case folded
        return ecosystem.equals("pypi") ? name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT) : name;
    }

    static String normaliseVersion(String ecosystem, String version) {
        if (ecosystem.equals("golang") && version.matches("v\\d.*")) return version.substring(1);
        if (ecosystem.equals("deb") && version.startsWith("0:")) return version.substring(2);
        return version;
    }

    private static String mavenGroup(Package p) {
        if (p.purl() == null) return "";
        try {
            String namespace = new PackageURL(p.purl()).getNamespace();
            return namespace == null ? "" : namespace;
        } catch (MalformedPackageURLException e) {
            return "";
        }
    }
}
