package io.spyglass.server.analysis.job;

/** A claimed job: what to do ({@code kind}, {@code payload}) and how often it was tried. */
public record Job(long id, String kind, String key, String payload, long attempts) {}
