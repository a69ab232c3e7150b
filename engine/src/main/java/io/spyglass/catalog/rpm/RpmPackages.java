package io.spyglass.catalog.rpm;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;
import java.util.TreeMap;

/**
 * A {@link Package} from one rpm header. The version is rpm's EVR, {@code [epoch:]version-release};
 * the source package is read from the source rpm's file name ({@code openssl-3.0.7-1.el9.src.rpm}
 * gives {@code openssl} and {@code 3.0.7-1.el9}), as rpm itself names source packages N-V-R.
 */
final class RpmPackages {
    private RpmPackages() {}

    static Package of(String path, RpmHeader h) throws CorruptRpmDbException {
        if (h.name() == null || h.version() == null) {
            throw new CorruptRpmDbException("rpm header " + (h.name() == null ? "has no NAME" : "'" + h.name() + "' has no VERSION"));
        }
        String vr = h.release() == null ? h.version() : h.version() + "-" + h.release();
        String evr = h.epoch() == null ? vr : h.epoch() + ":" + vr;
        SourceRpm source = SourceRpm.parse(h.sourceRpm());
        List<String> licenses = h.license() == null ? List.of() : List.of(h.license());
        return new Package(PackageType.RPM, h.name(), evr, purl(h, vr),
                source == null ? h.name() : source.name(), source == null ? vr : source.version(),
                licenses, List.of(Location.of(path)));
    }

    /** {@code pkg:rpm/redhat/<name>@<version>-<release>?arch=…&epoch=…&upstream=<srpm>} as syft writes it. */
    private static String purl(RpmHeader h, String versionRelease) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (h.arch() != null) qualifiers.put("arch", h.arch());
        if (h.epoch() != null) qualifiers.put("epoch", Integer.toString(h.epoch()));
        if (h.sourceRpm() != null) qualifiers.put("upstream", h.sourceRpm());
        return Purls.of("rpm", "redhat", h.name(), versionRelease, qualifiers, null);
    }
}
