package io.spyglass.sbom;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * Content-hash identifiers, so the same SBOM always gets the same SPDX ids, CycloneDX bom-refs,
 * serial number and document namespace (house rule: deterministic output).
 */
public final class PackageIds {
    private PackageIds() {}

    /** 16 hex digits of SHA-256 over what makes the package distinct: type, name, version, purl, paths. */
    public static String of(Package p) {
        StringBuilder key = new StringBuilder()
                .append(p.type().id()).append('\n').append(p.name()).append('\n')
                .append(Objects.toString(p.version(), "")).append('\n').append(Objects.toString(p.purl(), ""));
        for (Location l : p.locations()) key.append('\n').append(l.path()).append('@').append(Objects.toString(l.layer(), ""));
        return sha256(key.toString()).substring(0, 16);
    }

    /** An SPDX-id-safe form of a name: letters, digits, '.' and '-' only. */
    public static String idSafe(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9.-]+", "-");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    /** A name-based UUID of the SBOM's content: the image digest and every package id. */
    public static UUID documentUuid(Sbom sbom) {
        StringBuilder key = new StringBuilder(Objects.toString(sbom.image().digest(), ""));
        for (Package p : sbom.packages()) key.append('\n').append(of(p));
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
