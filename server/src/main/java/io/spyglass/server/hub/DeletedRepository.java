package io.spyglass.server.hub;

/**
 * What deleting a repository removed.
 *
 * @param imagesForgotten image manifests whose analysis (SBOM, findings, history) went with it
 * @param imagesShared    image manifests another repository also holds: their analysis stays
 */
public record DeletedRepository(String fullName, int tags, int manifests, int imagesForgotten, int imagesShared,
                                int webhooks, int jobs) {}
