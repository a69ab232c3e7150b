package io.spyglass.attestation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a SLSA provenance statement says about how an image was built.
 *
 * @param predicateType    {@code https://slsa.dev/provenance/v0.2} or {@code …/v1}
 * @param builderId        the builder's id, "" when not given (BuildKit leaves it empty outside CI)
 * @param sourceRepository where the build context came from (a git URL), "" when unknown
 * @param sourceCommit     the commit of that repository, "" when unknown
 * @param buildArgs        the build arguments ({@code --build-arg NAME=value}), by name
 * @param baseImages       the container images the build pulled ({@code pkg:docker/…} materials), as references
 */
public record Provenance(String predicateType, String builderId, String sourceRepository, String sourceCommit,
                         Map<String, String> buildArgs, List<String> baseImages) {
    public Provenance {
        builderId = builderId == null ? "" : builderId;
        sourceRepository = sourceRepository == null ? "" : sourceRepository;
        sourceCommit = sourceCommit == null ? "" : sourceCommit;
        buildArgs = java.util.Collections.unmodifiableMap(new TreeMap<>(buildArgs));
        baseImages = baseImages.stream().distinct().sorted().toList();
    }

    /**
     * The image the build started from, when the provenance names exactly one. A multi-stage build
     * names every stage's image, and provenance does not say which one the final stage used: then
     * none is claimed.
     */
    public Optional<String> baseImageRef() {
        return baseImages.size() == 1 ? Optional.of(baseImages.get(0)) : Optional.empty();
    }
}
