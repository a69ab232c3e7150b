package io.spyglass.server.hub;

/** An organisation: a namespace with members. */
public record Organization(long id, String name, Plan plan) {}
