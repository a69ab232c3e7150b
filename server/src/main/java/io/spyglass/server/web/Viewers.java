package io.spyglass.server.web;

import io.javalin.http.Context;
import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.User;
import java.util.Optional;

/** The signed-in user of a page request, as the hub sees them. */
final class Viewers {
    private Viewers() {}

    static Optional<User> of(Context ctx) {
        Viewer viewer = ctx.attribute(Frames.VIEWER);
        return Optional.ofNullable(viewer).map(v -> new User(v.userId(), v.username()));
    }

    /** The signed-in user; an anonymous visitor is sent nowhere useful, so a form posted without signing in fails. */
    static User require(Context ctx) {
        return of(ctx).orElseThrow(() -> PageException.forbidden("Sign in first."));
    }

    /** Signed in on the web counts as signed in with the password: no token scope narrows it. */
    static Caller caller(Context ctx) {
        return of(ctx).map(Caller::password).orElse(Caller.ANONYMOUS);
    }
}
