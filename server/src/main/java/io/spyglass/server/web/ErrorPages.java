package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.spyglass.server.ops.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 403, 404 and 500 pages. Only requests for pages get them: the registry ({@code /v2/}), the
 * token endpoint and the JSON API keep their own error bodies. A 500 page never shows a stack
 * trace; every error page shows the request id that the log lines of the request carry.
 */
final class ErrorPages {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final Templates templates;
    private final Frames frames;

    ErrorPages(Templates templates, Frames frames) {
        this.templates = templates;
        this.frames = frames;
    }

    void register(Javalin app) {
        app.exception(PageException.class, (e, ctx) -> show(ctx, e.status(), e.getMessage()));
        app.error(404, ctx -> {
            if (isPage(ctx) && !isHtmlAlready(ctx)) {
                show(ctx, 404, PageException.notFound().getMessage());
            } else if (isApi(ctx) && !isJsonAlready(ctx)) {
                // the API answers JSON, also for a path it does not have (Javalin's default is plain text)
                ctx.json(RequestIds.apiError(ctx, "no API route " + ctx.method() + " " + ctx.path()));
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            // the log line carries the request id (MDC) that the page, the JSON and the header show
            String reference = RequestIds.of(ctx);
            log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            if (isPage(ctx)) {
                show(ctx, 500, "Something went wrong on our side. The error was logged; please try again later.");
            } else if (isApi(ctx)) {
                ctx.status(500).json(RequestIds.apiError(ctx, "internal server error"));
            } else {
                ctx.status(500).contentType("text/plain").result("Internal server error (request id " + reference + ")");
            }
        });
    }

    void show(Context ctx, int status, String message) {
        Frame frame = frames.lenient(ctx, heading(status));
        ctx.status(status);
        templates.page(ctx, "error.jte", new ErrorView(frame, status, heading(status), message, RequestIds.of(ctx)));
    }

    private static String heading(int status) {
        return switch (status) {
            case 400 -> "That request was not understood";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            default -> status >= 500 ? "Something went wrong" : "That did not work";
        };
    }

    /** Pages are everything but the machine interfaces. */
    static boolean isPage(Context ctx) {
        String path = ctx.path();
        return !(path.startsWith("/v2/") || path.equals("/v2") || path.startsWith("/token")
                || path.startsWith("/api/") || path.startsWith("/static/"));
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static boolean isJsonAlready(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    private static boolean isHtmlAlready(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("text/html");
    }
}
