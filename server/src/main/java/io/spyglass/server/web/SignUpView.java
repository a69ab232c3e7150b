package io.spyglass.server.web;

/** The sign-up form, given back with the error when a value was refused. */
record SignUpView(Frame frame, String username, String error) {}
