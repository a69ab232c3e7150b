package io.spyglass.server.analysis.policy;

import io.spyglass.policy.PolicyInput.BaseImageStatus;
import io.spyglass.server.analysis.base.BaseImageModel.BaseImage;
import io.spyglass.server.analysis.base.BaseImageModel.ImageBase;
import io.spyglass.server.analysis.base.BaseImageReports;
import io.spyglass.server.analysis.base.BaseImages;
import io.spyglass.policy.PolicyInput;
import io.spyglass.policy.PolicyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The base image as the policies see it in one namespace: the detected base (a private base of
 * another namespace is none there, as on the pages), outdated when a refresh or a newer tag of it is
 * recommended. Unknown until detection has run for the image.
 */
final class PolicyBaseImage {
    private PolicyBaseImage() {}

    static Optional<BaseImageStatus> status(Handle h, String digest, String namespace) {
        if (!BaseImages.detectionRan(h, digest)) return Optional.empty();
        Optional<ImageBase> seen = BaseImageReports.inNamespace(h, digest, namespace);
        if (seen.isEmpty()) return Optional.of(BaseImageStatus.NONE_DETECTED);
        BaseImage base = seen.get().baseImage();
        boolean outdated = seen.get().recommendations().stream()
                .anyMatch(r -> r.kind().equals("refresh") || r.kind().equals("newer-tag"));
        return Optional.of(new BaseImageStatus(base.repository(), base.tag(), base.digest(), outdated));
    }

    /**
     * The verdicts with a private base's name taken out of their details: verdicts are kept per
     * namespace and shown on every tag of the image there, to readers who may not pull the base.
     */
    static List<PolicyResult> redacted(Handle h, PolicyInput input, List<PolicyResult> results) {
        if (input.baseImage().isEmpty() || !input.baseImage().get().detected()) return results;
        BaseImageStatus base = input.baseImage().get();
        int slash = base.repository().indexOf('/');
        boolean hidden = slash > 0 && h.createQuery("SELECT private FROM repositories WHERE namespace = :ns AND name = :name")
                .bind("ns", base.repository().substring(0, slash)).bind("name", base.repository().substring(slash + 1))
                .mapTo(Boolean.class).findOne().orElse(true);
        if (!hidden) return results;
        String reference = base.repository() + (base.tag() == null || base.tag().isEmpty() ? "" : ":" + base.tag());
        List<PolicyResult> out = new ArrayList<>();
        for (PolicyResult r : results) {
            out.add(new PolicyResult(r.name(), r.status(),
                    r.details().replace(reference, PRIVATE_BASE).replace(base.repository(), PRIVATE_BASE)));
        }
        return out;
    }

    static final String PRIVATE_BASE = "a private base image";
}
