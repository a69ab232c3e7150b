package io.spyglass.server.metrics;

import java.util.regex.Pattern;

/**
 * What a request path is, for a metric label. Never the repository: a private repository's name
 * must not show up in {@code /metrics}, and one label value per repository would grow without bound.
 */
enum RouteFamily {
    UPLOADS("uploads", "^/v2/.+/blobs/uploads(/[^/]*)?$"),
    BLOBS("blobs", "^/v2/.+/blobs/[^/]+$"),
    MANIFESTS("manifests", "^/v2/.+/manifests/[^/]+$"),
    TAGS("tags", "^/v2/.+/tags/list$"),
    REFERRERS("referrers", "^/v2/.+/referrers/[^/]+$"),
    CATALOG("catalog", "^/v2/_catalog$"),
    /** {@code /v2/} itself and paths the registry has no route for. */
    REGISTRY("registry", "^/v2(/.*)?$"),
    TOKEN("token", "^/token$"),
    API("api", "^/api/.*"),
    STATIC("static", "^/static/.*"),
    OPS("ops", "^/(metrics|healthz|readyz)$"),
    WEB("web", ".*");

    private final String label;
    private final Pattern pattern;

    RouteFamily(String label, String regex) {
        this.label = label;
        this.pattern = Pattern.compile(regex);
    }

    String label() {
        return label;
    }

    /** The first family whose pattern matches; {@link #WEB} for everything else. */
    static RouteFamily of(String path) {
        for (RouteFamily f : values()) {
            if (f.pattern.matcher(path).matches()) return f;
        }
        return WEB;
    }
}
