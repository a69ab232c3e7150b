package io.spyglass.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders the jte templates under {@code server/src/main/jte}. They are compiled into this package at
 * build time (jte-maven-plugin), so the view records they take can stay package-private and the
 * running server needs no compiler.
 */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(
            null, ContentType.Html, Templates.class.getClassLoader(), Templates.class.getPackageName());

    /** Renders {@code template} (e.g. {@code "error.jte"}) with its single {@code @param}. */
    String render(String template, Object view) {
        StringOutput out = new StringOutput(8192);
        engine.render(template, view, out);
        return out.toString();
    }

    void page(Context ctx, String template, Object view) {
        ctx.contentType("text/html; charset=utf-8").result(render(template, view));
    }
}
