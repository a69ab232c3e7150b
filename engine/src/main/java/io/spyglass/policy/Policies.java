package io.spyglass.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The policies Spyglass ships, in the order they are shown, and their evaluation under an organisation's settings. */
public final class Policies {
    private static final List<Policy> ALL = List.of(
            new NonRootUser(),
            new NoFixableSevere(),
            new NoKnownExploited(),
            new DeniedLicences(),
            new AttestationsPresent(),
            new BaseImageCurrent(),
            new BaseImageApproved());

    private Policies() {}

    public static List<Policy> all() {
        return ALL;
    }

    public static Optional<Policy> find(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Looks a policy up by name, or says which names there are. */
    public static Policy require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no policy named '" + name + "' (" + names() + ")"));
    }

    public static String names() {
        return String.join(", ", ALL.stream().map(Policy::name).toList());
    }

    /**
     * A setting for the named policy, checked: the policy exists and takes each parameter given.
     * Throws {@link IllegalArgumentException} naming what is wrong.
     */
    public static PolicySetting setting(String name, boolean enabled, Map<String, List<String>> parameters) {
        Policy p = require(name);
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            if (!p.defaults().containsKey(e.getKey())) {
                throw new IllegalArgumentException("policy " + name + " has no parameter '" + e.getKey() + "'"
                        + (p.defaults().isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", new java.util.TreeSet<>(p.defaults().keySet())) + ")"));
            }
            for (String v : e.getValue()) p.check(e.getKey(), v.strip());
        }
        return new PolicySetting(name, enabled, new PolicyParameters(parameters));
    }

    /**
     * Every policy's verdict, in {@link #all()} order. A policy missing from {@code settings} runs
     * with its defaults; one turned off is {@link PolicyStatus#SKIPPED}.
     */
    public static List<PolicyResult> evaluate(PolicyInput input, Map<String, PolicySetting> settings) {
        return evaluate(input, settings, p -> true);
    }

    /** The verdicts of the policies {@code which} selects, in {@link #all()} order, as {@link #evaluate(PolicyInput, Map)} gives them. */
    public static List<PolicyResult> evaluate(PolicyInput input, Map<String, PolicySetting> settings, Predicate<Policy> which) {
        List<PolicyResult> out = new ArrayList<>();
        for (Policy p : ALL) {
            if (!which.test(p)) continue;
            PolicySetting s = settings.getOrDefault(p.name(), PolicySetting.defaultFor(p));
            out.add(s.enabled() ? p.evaluate(input, s.parameters())
                    : new PolicyResult(p.name(), PolicyStatus.SKIPPED, "turned off"));
        }
        return List.copyOf(out);
    }
}
