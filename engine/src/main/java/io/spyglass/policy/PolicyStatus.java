package io.spyglass.policy;

import java.util.Locale;

/**
 * What a policy said about an image. {@code UNKNOWN}: an input it needs is not available (never a
 * pass in disguise); {@code SKIPPED}: turned off, or nothing to check against.
 */
public enum PolicyStatus {
    PASS, FAIL, UNKNOWN, SKIPPED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PolicyStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown policy status '" + text + "' (pass, fail, unknown, skipped)");
        }
    }
}
