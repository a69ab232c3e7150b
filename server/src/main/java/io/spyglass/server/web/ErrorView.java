package io.spyglass.server.web;

/** The error page: a status, a heading a person understands, what to do next, and the request id to quote. */
record ErrorView(Frame frame, int status, String heading, String message, String requestId) {}
