package io.spyglass.server.analysis.attestation;

import io.spyglass.server.store.ManifestRecord;
import io.spyglass.server.store.ManifestStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI referrers of an image (manifests pushed with it as their {@code subject}: signatures,
 * SBOMs, VEX documents, attestations), grouped by artifact type, from the same rows the registry's
 * referrers API answers with. Only the repository's own manifests are listed.
 */
public final class ImageReferrers {
    private final ManifestStore manifests;

    public ImageReferrers(ManifestStore manifests) {
        this.manifests = manifests;
    }

    /** One referrer: its manifest, and which of the asked digests it refers to. */
    public record Referrer(String digest, String mediaType, long size, String subject) {}

    /** The referrers of one artifact type (the manifest's artifactType, else its config's media type). */
    public record Group(String artifactType, List<Referrer> referrers) {
        public Group {
            referrers = List.copyOf(referrers);
        }
    }

    /** The referrers of each of {@code subjects} (e.g. a tag's index and the image shown), by artifact type. */
    public List<Group> of(long repositoryId, List<String> subjects) {
        Map<String, List<Referrer>> byType = new TreeMap<>();
        for (String subject : new LinkedHashSet<>(subjects)) {
            for (ManifestRecord r : manifests.referrers(repositoryId, subject, null)) {
                String type = r.artifactType() == null ? r.mediaType() : r.artifactType();
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(new Referrer(r.digest(), r.mediaType(), r.size(), subject));
            }
        }
        List<Group> out = new ArrayList<>();
        byType.forEach((type, list) -> out.add(new Group(type, list)));
        return out;
    }
}
