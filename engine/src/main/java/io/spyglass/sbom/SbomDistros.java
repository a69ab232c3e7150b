package io.spyglass.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distro of an SBOM made by another tool, as our own os-release reading would give it. The
 * document's operating-system component wins; without one (or without its version) the OS package
 * purls tell: {@code distro=ubuntu-20.04} (syft, trivy SPDX), {@code distro=3.16.0} with the id in
 * the namespace (trivy CycloneDX), a bare namespace ({@code pkg:apk/wolfi/…}), or Docker's
 * {@code os_name}/{@code os_version} on the image purl.
 */
public final class SbomDistros {
    private static final Set<String> OS_PURL_TYPES = Set.of("deb", "apk", "alpine", "rpm", "alpm");
    /** {@code ubuntu-20.04}, {@code opensuse-leap-15.4}: the id is everything before the dash that starts the version. */
    private static final Pattern ID_VERSION = Pattern.compile("^([a-z][a-z0-9._-]*?)-(\\d[A-Za-z0-9._~+-]*)$");
    /**
     * trivy writes its OS family names; the matcher, and our own purls, use os-release's ID. The
     * names are trivy's {@code ftypes.OSType} constants.
     */
    private static final Map<String, String> OS_RELEASE_IDS = Map.of(
            "redhat", "rhel", "alma", "almalinux", "oracle", "ol", "amazon", "amzn", "cbl-mariner", "mariner",
            "suse linux enterprise server", "sles", "opensuse.leap", "opensuse-leap", "opensuse.tumbleweed", "opensuse-tumbleweed");

    /** Rolling distros have no release: their advisories are keyed by the id alone. */
    private static final Set<String> ROLLING = Set.of("arch", "archarm", "wolfi", "chainguard");

    private SbomDistros() {}

    /**
     * Why the OS packages read cannot be matched, when the document names no distro release for them
     * (k8s-bom writes {@code pkg:deb/ubuntu/…} with no {@code distro=}); null when it does.
     */
    public static String missingRelease(Distro distro, List<Package> packages) {
        long os = packages.stream().filter(p -> p.type().isOsPackage()).count();
        if (os == 0 || distro.isKnown() && (distro.versionId() != null || distro.codename() != null || ROLLING.contains(distro.id()))) return null;
        return os + " OS packages but the document names no distro release" + (distro.isKnown() ? " for " + distro.id() : "")
                + " (no operating-system component, no distro= purl qualifier): they cannot be matched to distro advisories";
    }

    /**
     * @param declared the operating-system component's name, version and codename (Distro.NONE when there is none)
     * @param purls    every purl in the document
     */
    public static Distro resolve(Distro declared, Collection<String> purls) {
        Distro os = declared == null || !declared.isKnown() || declared.id().equals("unknown") ? Distro.NONE : normalise(declared);
        if (os.isKnown() && os.versionId() != null) return os;
        Distro fromPurls = fromPurls(purls, os.id());
        if (!os.isKnown()) return fromPurls;
        return fromPurls.isKnown() && os.id().equals(fromPurls.id())
                ? new Distro(os.id(), fromPurls.versionId(), os.codename()) : os;
    }

    /** os-release's id for a tool's distro name, and the version os-release would give. */
    static Distro normalise(Distro d) {
        String id = d.id().trim().toLowerCase(Locale.ROOT);
        id = OS_RELEASE_IDS.getOrDefault(id, id);
        return new Distro(id, releaseVersion(id, d.versionId()), d.codename());
    }

    /**
     * Debian's os-release VERSION_ID is the major release (12) and Ubuntu's major.minor (22.04); trivy
     * reports {@code /etc/debian_version} (12.9) and the point release (22.04.2).
     */
    private static String releaseVersion(String id, String version) {
        if (version == null || version.isBlank()) return null;
        String[] parts = version.trim().split("\\.");
        return switch (id) {
            case "debian" -> parts[0].matches("\\d+") ? parts[0] : version.trim();
            case "ubuntu" -> parts.length > 2 ? parts[0] + "." + parts[1] : version.trim();
            default -> version.trim();
        };
    }

    // the most common (id, version) among the OS package purls; a version-only qualifier takes the namespace as id
    private static Distro fromPurls(Collection<String> purls, String wantedId) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String purl : purls) {
            PackageURL p = parse(purl);
            if (p == null) continue;
            Map<String, String> q = p.getQualifiers() == null ? Map.of() : p.getQualifiers();
            String candidate = null;
            if (q.containsKey("os_name")) {
                candidate = q.get("os_name") + "\n" + q.getOrDefault("os_version", "");
            } else if (OS_PURL_TYPES.contains(p.getType())) {
                String distro = q.get("distro");
                Matcher m = distro == null ? null : ID_VERSION.matcher(distro.toLowerCase(Locale.ROOT));
                String namespace = p.getType().equals("alpine") ? "alpine" : p.getNamespace();
                if (m != null && m.matches()) candidate = m.group(1) + "\n" + m.group(2);
                else if (distro != null && distro.matches("\\d.*") && namespace != null) candidate = namespace + "\n" + distro;
                else if (namespace != null) candidate = namespace + "\n";
            }
            if (candidate != null) votes.merge(candidate, 1, Integer::sum);
        }
        return votes.entrySet().stream()
                .map(e -> Map.entry(normalise(distro(e.getKey())), e.getValue()))
                .filter(e -> wantedId == null || e.getKey().id().equals(wantedId))
                // a release beats a bare namespace, then the most purls
                .max(Comparator.comparing((Map.Entry<Distro, Integer> e) -> e.getKey().versionId() != null)
                        .thenComparing(Map.Entry::getValue))
                .map(Map.Entry::getKey).orElse(Distro.NONE);
    }

    private static Distro distro(String idAndVersion) {
        int nl = idAndVersion.indexOf('\n');
        String version = idAndVersion.substring(nl + 1);
        return new Distro(idAndVersion.substring(0, nl), version.isEmpty() ? null : version, null);
    }

    private static PackageURL parse(String purl) {
        try {
            return purl == null ? null : new PackageURL(purl);
        } catch (MalformedPackageURLException e) {
            return null; // the package reader reports a malformed purl on its own component
        }
    }
}
