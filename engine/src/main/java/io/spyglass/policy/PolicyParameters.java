package io.spyglass.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A policy's parameters as an organisation set them; a name left out falls back to the policy's default. */
public record PolicyParameters(Map<String, List<String>> values) {
    public static final PolicyParameters NONE = new PolicyParameters(Map.of());

    public PolicyParameters {
        Map<String, List<String>> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, v.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()));
        values = Map.copyOf(copy);
    }

    /** The values of {@code name}, or the policy's default for it. */
    List<String> get(Policy policy, String name) {
        List<String> v = values.get(name);
        if (v != null) return v;
        return policy.defaults().getOrDefault(name, List.of());
    }
}
