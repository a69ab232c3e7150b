package io.spyglass.image;

import java.util.Locale;
import java.util.Objects;

/**
 * An image platform such as {@code linux/amd64} or {@code linux/arm64/v8}. The variant is
 * optional; {@link #matches} treats a missing variant on either side as "any" (arm64 images
 * usually omit {@code v8}).
 */
public record Platform(String os, String architecture, String variant) {

    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        os = requireWord(os, "os");
        architecture = requireWord(architecture, "architecture");
        variant = variant == null || variant.isBlank() ? null : requireWord(variant, "variant");
    }

    /** Parses {@code os/arch[/variant]}. */
    public static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("platform is missing (want os/arch[/variant], e.g. linux/amd64)");
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("malformed platform '" + text + "' (want os/arch[/variant], e.g. linux/arm64/v8)");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    public boolean matches(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant == null || other.variant == null || variant.equals(other.variant));
    }

    private static String requireWord(String s, String what) {
        Objects.requireNonNull(s, what);
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || !v.matches("[a-z0-9._-]+")) {
            throw new IllegalArgumentException("malformed platform " + what + " '" + s + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
