package io.spyglass.advisory;

/**
 * What the source says about a package, distro trackers' words mapped once: Debian
 * {@code resolved}/{@code <not-affected>}/{@code <no-dsa>}/{@code <unfixed>}, Red Hat's
 * {@code fixed}/{@code known_not_affected}/{@code known_affected} + "will not fix", Alpine's
 * fixed version {@code 0}. Language advisories are {@code FIXED} when a range has a fix, else {@code AFFECTED}.
 */
public enum AffectedStatus {
    /** A fixed version exists; versions before it (in the ranges) are affected. */
    FIXED,
    /** Affected and no fix published yet. */
    AFFECTED,
    /** The vendor decided not to fix (Debian {@code <no-dsa>}/{@code <ignored>}, Red Hat "Will not fix"). */
    WILL_NOT_FIX,
    /** The package (in this release) was never affected. */
    NOT_AFFECTED
}
