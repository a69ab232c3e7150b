package io.spyglass.server.web;

/** The error page: a status, a heading a person understands, and what to do next. */
record ErrorView(Frame frame, int status, String heading, String message) {}
