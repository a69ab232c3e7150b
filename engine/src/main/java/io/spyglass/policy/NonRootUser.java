package io.spyglass.policy;

import java.util.Set;

/** The image's default user is not root: a config {@code User} that is unset, {@code root} or uid 0 fails. */
final class NonRootUser implements Policy {
    private static final Set<String> ROOT = Set.of("", "root", "0");

    @Override
    public String name() {
        return "non-root-user";
    }

    @Override
    public String title() {
        return "Default user is not root";
    }

    @Override
    public PolicyResult evaluate(PolicyInput input, PolicyParameters parameters) {
        if (input.user().isEmpty()) return PolicyResult.unknown(this, "the image config was not read");
        String user = input.user().get().strip();
        // "USER root:staff" and "0:0" name root by its user part; the group does not matter
        String who = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (ROOT.contains(who)) {
            return PolicyResult.fail(this, user.isEmpty() ? "no USER is set, so the image runs as root" : "runs as " + user);
        }
        return PolicyResult.pass(this, "runs as " + user);
    }
}
