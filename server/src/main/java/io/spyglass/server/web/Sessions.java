package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.spyglass.server.hub.User;
import io.spyglass.server.store.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Session cookie and CSRF protection for the pages. The cookie is HttpOnly and SameSite=Lax; every
 * POST to a page must carry the session's synchroniser token in the {@code csrf} field, or it is
 * refused with 403 before any handler runs.
 */
final class Sessions {
    static final String COOKIE = "spyglass_session";
    private static final Duration SIGNED_IN = Duration.ofDays(14);
    private static final Duration VISITOR = Duration.ofHours(2);

    private final SessionStore store;

    Sessions(SessionStore store) {
        this.store = store;
    }

    void register(Javalin app) {
        app.before(ctx -> {
            if (ErrorPages.isPage(ctx)) {
                load(ctx);
                if (ctx.method() == HandlerType.POST) {
                    checkCsrf(ctx);
                }
            }
        });
    }

    private void load(Context ctx) {
        store.find(ctx.cookie(COOKIE)).ifPresent(s -> {
            ctx.attribute(Frames.CSRF, s.csrfToken());
            if (s.userId() != null) {
                ctx.attribute(Frames.VIEWER, new Viewer(s.userId(), s.userName()));
            }
        });
    }

    private static void checkCsrf(Context ctx) {
        String expected = ctx.attribute(Frames.CSRF);
        String given = ctx.formParam("csrf");
        if (expected == null || given == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw PageException.forbidden("This form has expired or did not come from this site. "
                    + "Go back, reload the page and try again.");
        }
    }

    /** Gives an anonymous visitor a session, so the sign-in and sign-up forms have a CSRF token. */
    void ensureVisitor(Context ctx) {
        if (ctx.attribute(Frames.CSRF) == null) {
            start(ctx, null, VISITOR);
        }
    }

    /** A new session for {@code user}; the visitor's one is dropped so its id can't be fixed beforehand. */
    void signIn(Context ctx, User user) {
        store.delete(ctx.cookie(COOKIE));
        start(ctx, user.id(), SIGNED_IN);
        ctx.attribute(Frames.VIEWER, new Viewer(user.id(), user.name()));
    }

    void signOut(Context ctx) {
        store.delete(ctx.cookie(COOKIE));
        ctx.cookie(cookie(ctx, "", 0));
        ctx.attribute(Frames.VIEWER, null);
        ctx.attribute(Frames.CSRF, null);
    }

    private void start(Context ctx, Long userId, Duration lifetime) {
        SessionStore.NewSession session = store.create(userId, lifetime);
        ctx.cookie(cookie(ctx, session.cookieValue(), (int) lifetime.toSeconds()));
        ctx.attribute(Frames.CSRF, session.csrfToken());
    }

    private static Cookie cookie(Context ctx, String value, int maxAgeSeconds) {
        boolean https = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
        return new Cookie(COOKIE, value, "/", maxAgeSeconds, https, 0, true, null, null, SameSite.LAX);
    }
}
