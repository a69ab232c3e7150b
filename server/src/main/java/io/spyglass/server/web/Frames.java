package io.spyglass.server.web;

import io.javalin.http.Context;

/** Builds the {@link Frame} for a request from its session (set by the session filter). */
final class Frames {
    static final String VIEWER = "spyglass.viewer";
    static final String CSRF = "spyglass.csrf";

    private final boolean signupOpen;

    Frames(boolean signupOpen) {
        this.signupOpen = signupOpen;
    }

    Frame of(Context ctx, String title) {
        Viewer viewer = ctx.attribute(VIEWER);
        String csrf = ctx.attribute(CSRF);
        String query = ctx.path().equals("/search") ? ctx.queryParam("q") : "";
        return new Frame(title, viewer, csrf, query, signupOpen, 0);
    }

    /** For error pages: never fails, whatever state the request is in. */
    Frame lenient(Context ctx, String title) {
        try {
            return of(ctx, title);
        } catch (RuntimeException e) {
            return new Frame(title, null, "", "", signupOpen, 0);
        }
    }

    boolean signupOpen() {
        return signupOpen;
    }
}
