package io.spyglass.server.web;

/** The home page. */
record HomeView(Frame frame) {}
