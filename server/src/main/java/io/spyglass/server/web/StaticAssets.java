package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/** Serves the few files the pages use (CSS, a little JS, the logo) from the jar: no CDN. */
final class StaticAssets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    void register(Javalin app) {
        app.get("/static/{name}", this::serve);
    }

    private void serve(Context ctx) {
        String name = ctx.pathParam("name");
        InputStream in = NAME.matcher(name).matches() ? StaticAssets.class.getResourceAsStream("static/" + name) : null;
        if (in == null) {
            ctx.status(404).contentType("text/plain").result("No such file: " + name);
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ctx.header("Cache-Control", "public, max-age=3600").contentType(TYPES.get(extension)).result(in);
    }
}
