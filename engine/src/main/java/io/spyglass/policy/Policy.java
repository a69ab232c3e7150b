package io.spyglass.policy;

import java.util.List;
import java.util.Map;

/**
 * One rule an image is held to. Pure: the verdict depends only on the input and the parameters an
 * organisation set (a parameter left out takes {@link #defaults()}).
 */
public interface Policy {
    /** Stable id used in the API, the settings and the history ({@code non-root-user}). */
    String name();

    /** What the rule asks, in a few words, for pages and the CLI. */
    String title();

    /** Parameter name -> default values; empty when the policy takes none. */
    default Map<String, List<String>> defaults() {
        return Map.of();
    }

    /** Throws {@link IllegalArgumentException} when {@code value} is not a valid value of parameter {@code name}. */
    default void check(String name, String value) {}

    /**
     * Whether the verdict depends on {@link PolicyInput#findings()} (or the KEV flag that goes with
     * them): a re-evaluation that changed only findings evaluates just these again.
     */
    default boolean readsFindings() {
        return false;
    }

    /**
     * Whether this finding can move the verdict (suppressed or not): a policy that reads findings
     * must give the same verdict on an input holding only the findings it reads, so re-evaluation
     * reads just those. By default every finding when {@link #readsFindings()}.
     */
    default boolean reads(PolicyInput.FindingFact finding) {
        return readsFindings();
    }

    PolicyResult evaluate(PolicyInput input, PolicyParameters parameters);
}
