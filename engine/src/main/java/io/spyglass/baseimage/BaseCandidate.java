package io.spyglass.baseimage;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image whose whole layer chain is a prefix of another image's chain, under one of its tags:
 * {@code layers} is its chain length, {@code fromBaseSource} whether its repository is marked as a
 * source of base images, {@code pushedAt} when the tag was pushed (epoch ms).
 */
public record BaseCandidate(String manifestDigest, String repository, String tag, int layers, boolean fromBaseSource, long pushedAt) {
    public BaseCandidate {
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        if (layers < 1) throw new IllegalArgumentException("a base image has at least one layer, not " + layers);
    }

    /**
     * The order that picks the base: an image of a base-image source first (what the owner said is
     * a base), then the longest chain (the nearest ancestor), then the tag pushed last, then by name
     * so that the choice never depends on the order rows came back in.
     */
    public static final Comparator<BaseCandidate> PREFERRED = Comparator
            .comparing(BaseCandidate::fromBaseSource).reversed()
            .thenComparing(Comparator.comparingInt(BaseCandidate::layers).reversed())
            .thenComparing(Comparator.comparingLong(BaseCandidate::pushedAt).reversed())
            .thenComparing(BaseCandidate::repository)
            .thenComparing(BaseCandidate::tag);

    public static Optional<BaseCandidate> best(List<BaseCandidate> candidates) {
        return candidates.stream().min(PREFERRED);
    }
}
