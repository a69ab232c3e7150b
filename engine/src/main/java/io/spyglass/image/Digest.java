package io.spyglass.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:9f86d0…}. Validated on construction, so a bad digest
 * never gets past the edge (OCI image-spec "Digests": algorithm ":" encoded).
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        if (algorithm == null || hex == null) {
            throw new InvalidDigestException("digest is missing");
        }
        boolean ok = switch (algorithm) {
            case "sha256" -> SHA256.matcher(hex).matches();
            case "sha512" -> SHA512.matcher(hex).matches();
            default -> throw new InvalidDigestException("unsupported digest algorithm '" + algorithm + "'");
        };
        if (!ok) {
            throw new InvalidDigestException("malformed " + algorithm + " digest '" + hex + "'");
        }
    }

    /** Parses {@code algorithm:hex}; throws {@link InvalidDigestException} naming what was wrong. */
    public static Digest parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidDigestException("digest is missing");
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidDigestException("malformed digest '" + text + "' (want algorithm:hex)");
        }
        return new Digest(text.substring(0, colon).toLowerCase(Locale.ROOT), text.substring(colon + 1));
    }

    /** The name of the JCA MessageDigest for this algorithm. */
    public String jcaName() {
        return algorithm.equals("sha512") ? "SHA-512" : "SHA-256";
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
