package io.spyglass.server.web;

import io.javalin.Javalin;

/**
 * The Hub-style web pages: registers the page routes, the static files and the error pages on the
 * server's Javalin app. Handlers are thin: they ask the hub and analysis parts for data, build a
 * view record and hand it to a template; templates never touch SQL.
 */
public final class WebPages {
    private WebPages() {}

    /** Options a person sets on {@code spyglass serve}. */
    public record Options(boolean signupOpen) {}

    public static void install(Javalin app, Options options) {
        Templates templates = new Templates();
        Frames frames = new Frames(options.signupOpen());
        new StaticAssets().register(app);
        new ErrorPages(templates, frames).register(app);
        app.get("/", ctx -> templates.page(ctx, "home.jte", new HomeView(frames.of(ctx, "Home"))));
    }
}
