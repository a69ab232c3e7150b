package io.spyglass.policy;

/** The detected base image is the newest of its flavour (no refresh or newer tag is known). */
final class BaseImageCurrent implements Policy {
    @Override
    public String name() {
        return "base-image-current";
    }

    @Override
    public String title() {
        return "Base image not outdated";
    }

    @Override
    public PolicyResult evaluate(PolicyInput input, PolicyParameters parameters) {
        if (input.baseImage().isEmpty()) return PolicyResult.unknown(this, "base image detection is not available for this image");
        PolicyInput.BaseImageStatus base = input.baseImage().get();
        if (!base.detected()) return PolicyResult.skipped(this, "no known image is this image's base");
        if (base.outdated()) return PolicyResult.fail(this, base.reference() + " is outdated: a newer image of it is known");
        return PolicyResult.pass(this, base.reference() + " is the newest known");
    }
}
