package io.spyglass.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * Every policy's verdict, in {@link #all()} order. A policy missing from {@code settings} runs
     * with its defaults; one turned off is {@link PolicyStatus#SKIPPED}.
     */
    public static List<PolicyResult> evaluate(PolicyInput input, Map<String, PolicySetting> settings) {
        List<PolicyResult> out = new ArrayList<>();
        for (Policy p : ALL) {
            PolicySetting s = settings.getOrDefault(p.name(), PolicySetting.defaultFor(p));
            out.add(s.enabled() ? p.evaluate(input, s.parameters())
                    : new PolicyResult(p.name(), PolicyStatus.SKIPPED, "turned off by the organisation"));
        }
        return List.copyOf(out);
    }
}
