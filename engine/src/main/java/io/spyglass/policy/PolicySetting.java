package io.spyglass.policy;

import java.util.Objects;

/** Whether an organisation holds its images to one policy, and with which parameters. */
public record PolicySetting(String name, boolean enabled, PolicyParameters parameters) {
    public PolicySetting {
        Objects.requireNonNull(name, "name");
        parameters = parameters == null ? PolicyParameters.NONE : parameters;
    }

    /** Out of the box: on, with the policy's defaults. */
    public static PolicySetting defaultFor(Policy policy) {
        return new PolicySetting(policy.name(), true, PolicyParameters.NONE);
    }
}
