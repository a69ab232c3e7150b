package io.spyglass.vex;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a VEX product names our things. An image is {@code pkg:oci/…@sha256:…}, a bare digest or a
 * reference ending in {@code @sha256:…}. A package purl matches when type, namespace and name are
 * equal, its version (if it has one) is equal, and every qualifier it states is equal: a statement
 * about {@code pkg:deb/debian/openssl@3.0.11-1} covers {@code …?arch=amd64&distro=debian-12}.
 */
final class PurlMatch {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private PurlMatch() {}

    /** The image digest a product names, or null when it names a package. */
    static String imageDigest(String productId) {
        String decoded = URLDecoder.decode(productId, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (decoded.startsWith("pkg:") && !decoded.startsWith("pkg:oci/") && !decoded.startsWith("pkg:docker/")) return null;
        Matcher m = DIGEST.matcher(decoded);
        return m.find() ? m.group() : null;
    }

    /** True when the statement's purl covers the package's purl. */
    static boolean covers(String statementPurl, String packagePurl) {
        if (statementPurl == null || packagePurl == null) return false;
        PackageURL want = parse(statementPurl);
        PackageURL have = parse(packagePurl);
        if (want == null || have == null) return statementPurl.equals(packagePurl);
        if (!want.getType().equals(have.getType())) return false;
        if (!Objects.equals(norm(want.getNamespace()), norm(have.getNamespace()))) return false;
        if (!norm(want.getName()).equals(norm(have.getName()))) return false;
        if (want.getVersion() != null && !want.getVersion().equals(have.getVersion())) return false;
        Map<String, String> wanted = want.getQualifiers();
        if (wanted == null) return true;
        Map<String, String> had = have.getQualifiers();
        for (Map.Entry<String, String> q : wanted.entrySet()) {
            if (had == null || !q.getValue().equals(had.get(q.getKey()))) return false;
        }
        return true;
    }

    private static PackageURL parse(String purl) {
        try {
            return new PackageURL(purl);
        } catch (MalformedPackageURLException | RuntimeException e) {
            return null;
        }
    }

    // purl types such as npm and pypi are case-insensitive in practice; the spec normalises them lower-case
    private static String norm(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
