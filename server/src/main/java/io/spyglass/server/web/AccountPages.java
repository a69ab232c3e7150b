package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.hub.AccessTokens;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.hub.HubException;
import io.spyglass.server.hub.TokenScope;
import io.spyglass.server.hub.User;
import io.spyglass.server.throttle.ClientAddress;
import io.spyglass.server.throttle.SignInThrottle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sign in, sign out, sign up, and personal settings with access tokens. */
final class AccountPages {
    private final Hub hub;
    private final Sessions sessions;
    private final Templates templates;
    private final Frames frames;
    private final SignInThrottle throttle;
    private final ClientAddress clients;

    AccountPages(Hub hub, Sessions sessions, Templates templates, Frames frames, SignInThrottle throttle, ClientAddress clients) {
        this.hub = hub;
        this.sessions = sessions;
        this.templates = templates;
        this.frames = frames;
        this.throttle = throttle;
        this.clients = clients;
    }

    /** The wait in whole seconds when the account or address is locked; sets 429 and Retry-After. */
    private Optional<String> locked(Context ctx, String account) {
        return throttle.retryAfter(account, clients.of(ctx)).map(wait -> {
            long seconds = SignInThrottle.seconds(wait);
            ctx.status(429).header("Retry-After", Long.toString(seconds));
            return "Too many failed attempts. Try again in " + seconds + " seconds.";
        });
    }

    void register(Javalin app) {
        app.get("/signin", this::signInForm);
        app.post("/signin", this::signIn);
        app.post("/signout", this::signOut);
        app.get("/signup", this::signUpForm);
        app.post("/signup", this::signUp);
        app.get("/settings", this::settings);
        app.post("/settings/tokens", this::createToken);
        app.post("/settings/tokens/{id}/revoke", this::revokeToken);
    }

    private void signInForm(Context ctx) {
        if (Viewers.of(ctx).isPresent()) {
            ctx.redirect(localPath(ctx.queryParam("next")));
            return;
        }
        sessions.ensureVisitor(ctx);
        templates.page(ctx, "signIn.jte", new SignInView(frames.of(ctx, "Sign in"), "", localPath(ctx.queryParam("next")), null));
    }

    private void signIn(Context ctx) {
        String username = trimmed(ctx.formParam("username"));
        String next = localPath(ctx.formParam("next"));
        Optional<String> wait = locked(ctx, username);
        if (wait.isPresent()) {
            templates.page(ctx, "signIn.jte", new SignInView(frames.of(ctx, "Sign in"), username, next, wait.get()));
            return;
        }
        Optional<User> user = username.isEmpty() ? Optional.empty()
                : hub.users().authenticate(username, String.valueOf(ctx.formParam("password")));
        if (user.isEmpty()) {
            throttle.failed(username, clients.of(ctx));
            io.spyglass.server.audit.AuditLog.record(ctx, null, null, "signin.web", username, false, "wrong username or password");
            ctx.status(401);
            templates.page(ctx, "signIn.jte", new SignInView(frames.of(ctx, "Sign in"), username, next,
                    "Wrong username or password."));
            return;
        }
        throttle.succeeded(username);
        sessions.signIn(ctx, user.get());
        io.spyglass.server.audit.AuditLog.record(ctx, user.get().id(), user.get().name(), "signin.web", user.get().name(), true, null);
        ctx.redirect(next);
    }

    private void signOut(Context ctx) {
        sessions.signOut(ctx);
        ctx.redirect("/");
    }

    private void signUpForm(Context ctx) {
        requireSignupOpen();
        sessions.ensureVisitor(ctx);
        templates.page(ctx, "signUp.jte", new SignUpView(frames.of(ctx, "Sign up"), "", null));
    }

    private void signUp(Context ctx) {
        requireSignupOpen();
        String username = trimmed(ctx.formParam("username"));
        // sign-up is throttled per address only: the name is new, and a taken name is a failure
        Optional<String> wait = locked(ctx, null);
        if (wait.isPresent()) {
            templates.page(ctx, "signUp.jte", new SignUpView(frames.of(ctx, "Sign up"), username, wait.get()));
            return;
        }
        try {
            User user = hub.users().create(username, ctx.formParam("password"));
            sessions.signIn(ctx, user);
            ctx.redirect("/");
        } catch (HubException e) {
            if (e.kind() != HubException.Kind.INVALID && e.kind() != HubException.Kind.CONFLICT) {
                throw e;
            }
            throttle.failed(null, clients.of(ctx));
            ctx.status(400);
            templates.page(ctx, "signUp.jte", new SignUpView(frames.of(ctx, "Sign up"), username, e.getMessage()));
        }
    }

    private void requireSignupOpen() {
        if (!frames.signupOpen()) {
            throw PageException.notFound();
        }
    }

    private void settings(Context ctx) {
        if (Viewers.of(ctx).isEmpty()) {
            ctx.redirect("/signin?next=/settings");
            return;
        }
        showSettings(ctx, null, "", null);
    }

    private void createToken(Context ctx) {
        User user = Viewers.require(ctx);
        String label = trimmed(ctx.formParam("label"));
        String error = null;
        TokenScope scope = null;
        try {
            scope = TokenScope.parse(ctx.formParam("scope"));
        } catch (RuntimeException e) {
            error = "Choose the token's access permissions: read-only, read & write, or admin.";
        }
        if (label.isEmpty() || label.length() > 100) {
            error = "Give the token a description of 1 to 100 characters, e.g. where it will be used.";
        }
        if (error != null) {
            ctx.status(400);
            showSettings(ctx, null, label, error);
            return;
        }
        AccessTokens.NewToken created = hub.tokens().create(user, label, scope);
        io.spyglass.server.audit.AuditLog.record(ctx, user.id(), user.name(), "token.create", "token " + created.id(), true, "label '" + label + "', scope " + scope.wire());
        showSettings(ctx, created.secret(), "", null);
    }

    private void revokeToken(Context ctx) {
        User user = Viewers.require(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
            hub.tokens().revoke(user, id);
            io.spyglass.server.audit.AuditLog.record(ctx, user.id(), user.name(), "token.revoke", "token " + id, true, null);
        } catch (NumberFormatException e) {
            throw PageException.notFound();
        } catch (HubException e) {
            if (e.kind() != HubException.Kind.NOT_FOUND) {
                throw e;
            }
            throw PageException.notFound();
        }
        ctx.redirect("/settings");
    }

    private void showSettings(Context ctx, String newSecret, String label, String error) {
        User user = Viewers.require(ctx);
        Instant now = Instant.now();
        List<TokenRow> rows = hub.tokens().list(user).stream()
                .map(t -> new TokenRow(t.id(), t.label(), t.scope().wire(), Formats.ago(t.createdAt(), now),
                        t.lastUsedAt() == null ? "Never" : Formats.ago(t.lastUsedAt(), now), t.revokedAt() != null))
                .toList();
        templates.page(ctx, "accountSettings.jte",
                new AccountSettingsView(frames.of(ctx, "Account settings"), rows, newSecret, label, error));
    }

    /** Only a path on this site, so a crafted link can't send someone elsewhere after signing in. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
