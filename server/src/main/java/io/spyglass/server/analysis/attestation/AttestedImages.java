package io.spyglass.server.analysis.attestation;

import io.spyglass.server.analysis.base.ProvenanceBases;
import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.store.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What follows from attestations once they are stored: a base image the provenance names (exactly
 * one) becomes the image's base when that image is known here, and the images' policies are
 * evaluated again (attestations present, base image). One transaction per job; a failure is logged
 * and leaves the stored attestations as they are.
 */
public final class AttestedImages {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AttestedImages.class);

    private AttestedImages() {}

    public static void apply(Database db, ImagePolicies policies, List<String> images) {
        if (images.isEmpty()) return;
        try {
            db.inTransactionRetrying("attestations of " + images.size() + " images", h -> {
                for (String image : images) provenanceBase(h, image);
                policies.evaluate(h, images);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("applying the attestations of {} failed: {}", images, e.toString());
        }
    }

    /** The base the provenance names, as the first repository holding it that has one reads it. */
    private static void provenanceBase(Handle h, String image) {
        List<Long> repositories = h.createQuery("SELECT DISTINCT repository_id FROM tag_images WHERE manifest_digest = :md ORDER BY repository_id")
                .bind("md", image).mapTo(Long.class).list();
        for (long repo : repositories) {
            var ref = Attestations.baseImageRef(h, repo, image);
            if (ref.isPresent()) {
                if (!ProvenanceBases.record(h, image, ref.get())) log.debug("provenance base {} of {} is not known here", ref.get(), image);
                return;
            }
        }
    }
}
