package io.spyglass.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The browser-side protection headers every response carries, set before any handler runs so that
 * streamed answers (blobs, SBOM downloads) and error pages have them too. Pages get a Content
 * Security Policy that allows only this server's own files: no inline script or style, no plugins,
 * no framing, no {@code <base>}; so even markup that slipped through escaping cannot run. The
 * machine interfaces (registry, token, JSON API) are never meant to be rendered and get a policy
 * that allows nothing. HSTS is left to the TLS setup.
 */
public final class SecurityHeaders {
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String MACHINE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    public static void install(Javalin app) {
        app.before(SecurityHeaders::set);
    }

    static void set(Context ctx) {
        ctx.header("Content-Security-Policy", ErrorPages.isPage(ctx) || ctx.path().startsWith("/static/")
                ? PAGE_POLICY : MACHINE_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // not no-referrer: that would make browsers send "Origin: null" on our own form posts
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    }
}
