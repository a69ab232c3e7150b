package io.spyglass.version;

/** A version string that its scheme cannot parse. Never guessed around: the caller records it. */
public class InvalidVersionException extends IllegalArgumentException {
    public InvalidVersionException(String scheme, String version, String why) {
        super(scheme + " version '" + version + "' is invalid: " + why);
    }
}
