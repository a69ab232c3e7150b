package io.spyglass.server.analysis;

/** A claimed job: what to do ({@code kind}, {@code payload}) and how often it was tried. */
record Job(long id, String kind, String key, String payload, long attempts) {}
