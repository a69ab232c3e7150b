package io.spyglass.server.analysis.policy;

import io.spyglass.policy.PolicyInput.BaseImageStatus;
import io.spyglass.server.analysis.base.BaseImageModel.BaseImage;
import io.spyglass.server.analysis.base.BaseImageModel.ImageBase;
import io.spyglass.server.analysis.base.BaseImageReports;
import io.spyglass.server.analysis.base.BaseImages;
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
}
