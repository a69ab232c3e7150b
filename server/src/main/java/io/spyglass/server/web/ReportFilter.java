package io.spyglass.server.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * The tag page's filters: severity (c, h, m, l, u), fixable only, package type, and the layer that
 * added the package. Unknown values are ignored rather than refused: a filter link can only narrow.
 */
record ReportFilter(String severity, boolean fixable, String type, String layer) {
    private static final Set<String> LEVELS = Set.of("c", "h", "m", "l", "u");

    static ReportFilter of(Context ctx) {
        String severity = ctx.queryParam("severity");
        return new ReportFilter(severity != null && LEVELS.contains(severity) ? severity : "",
                "1".equals(ctx.queryParam("fixable")), orEmpty(ctx.queryParam("type")), orEmpty(ctx.queryParam("layer")));
    }

    /** Packages that pass, with only the vulnerabilities that pass; packages left with none are dropped. */
    List<TagReport.PackageFindings> findings(List<TagReport.PackageFindings> all) {
        return all.stream()
                .filter(p -> type.isEmpty() || p.type().equals(type))
                .filter(p -> layer.isEmpty() || p.layer().equals(layer))
                .map(p -> new TagReport.PackageFindings(p.name(), p.version(), p.type(), p.purl(), p.layer(), p.path(),
                        p.counts(), p.vulnerabilities().stream()
                        .filter(f -> severity.isEmpty() || f.level().letter().equals(severity))
                        .filter(f -> !fixable || !f.fixed().isEmpty()).toList()))
                .filter(p -> !p.vulnerabilities().isEmpty())
                .toList();
    }

    List<TagReport.PackageRow> packages(List<TagReport.PackageRow> all) {
        return all.stream()
                .filter(p -> type.isEmpty() || p.type().equals(type))
                .filter(p -> layer.isEmpty() || p.layer().equals(layer))
                .toList();
    }

    boolean any() {
        return !severity.isEmpty() || fixable || !type.isEmpty() || !layer.isEmpty();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
