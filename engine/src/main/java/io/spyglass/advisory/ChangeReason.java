package io.spyglass.advisory;

/** Why a package key is in a change set; the analysis part writes report history from it. */
public enum ChangeReason {
    /** An advisory the store did not have before. */
    NEW_ADVISORY,
    /** The affected ranges, versions or status of this package changed (or the package was added to or dropped from the advisory). */
    CHANGED_RANGE,
    /** A fixed version appeared where there was none, or a new one was added. */
    FIXED_VERSION_PUBLISHED,
    /** The source marked the advisory withdrawn. */
    WITHDRAWN,
    /** The advisory is gone from the source's data. */
    REMOVED,
    /** Only summary, severity, references or aliases changed: same packages, same ranges. */
    CHANGED_DETAILS
}
