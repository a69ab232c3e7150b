package io.spyglass.server.hub;

/** An account. Its name is also its namespace. */
public record User(long id, String name) {}
