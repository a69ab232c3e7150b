package io.spyglass.server.vex;

/**
 * A VEX document in force in a repository, as the API lists it: {@code source} is {@code upload}
 * or {@code referrer} (then {@code referrer} is the artifact's manifest digest); {@code statedAt}
 * is the document's own time (epoch ms, may be null), {@code addedAt} when Spyglass got it.
 */
public record StoredVex(long id, String source, String referrer, String documentId, String author, Long statedAt,
                        long statements, String body, String addedBy, long addedAt) {}
