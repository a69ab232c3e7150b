package io.spyglass.policy;

import java.util.List;
import java.util.Map;

/**
 * The detected base image comes from a repository on the organisation's approved list
 * ({@code library/debian}; a trailing {@code /*} approves a whole namespace, {@code library/*}).
 */
final class BaseImageApproved implements Policy {
    static final String APPROVED = "approved";

    @Override
    public String name() {
        return "base-image-approved";
    }

    @Override
    public String title() {
        return "Base image on the approved list";
    }

    @Override
    public Map<String, List<String>> defaults() {
        return Map.of(APPROVED, List.of());
    }

    @Override
    public void check(String name, String value) {
        if (!value.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?:/\\*)?")) {
            throw new IllegalArgumentException("'" + value + "' is not a repository name (NS/NAME, or NS/* for a whole namespace)");
        }
    }

    @Override
    public PolicyResult evaluate(PolicyInput input, PolicyParameters parameters) {
        List<String> approved = parameters.get(this, APPROVED);
        if (approved.isEmpty()) return PolicyResult.skipped(this, "the organisation has approved no base images yet");
        if (input.baseImage().isEmpty()) return PolicyResult.unknown(this, "base image detection is not available for this image");
        PolicyInput.BaseImageStatus base = input.baseImage().get();
        if (!base.detected()) return PolicyResult.fail(this, "no approved base image was detected under this image");
        for (String a : approved) {
            if (a.equals(base.repository()) || a.endsWith("/*") && base.repository().startsWith(a.substring(0, a.length() - 1))) {
                return PolicyResult.pass(this, base.reference() + " is approved");
            }
        }
        return PolicyResult.fail(this, base.reference() + " is not on the approved list (" + String.join(", ", approved) + ")");
    }
}
