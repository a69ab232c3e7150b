package io.spyglass.server.web;

/** The sign-in form; {@code next} is where to go afterwards (a local path). */
record SignInView(Frame frame, String username, String next, String error) {}
