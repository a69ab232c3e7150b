package io.spyglass.server.store;

/** A durable "tag pushed" event (table events, kind 'tag_pushed'), in commit order of {@code id}. */
public record TagPushed(long id, long repositoryId, String repository, String tag, String digest, String mediaType,
                        String actor, long createdAt) {}
