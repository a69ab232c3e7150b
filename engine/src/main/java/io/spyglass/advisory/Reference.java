package io.spyglass.advisory;

/** A link from an advisory: {@code type} is OSV's (ADVISORY, WEB, FIX, PACKAGE, ARTICLE, REPORT…). */
public record Reference(String type, String url) {
    public Reference {
        if (url == null || url.isBlank()) throw new InvalidAdvisoryException("reference without a url");
        type = type == null || type.isBlank() ? "WEB" : type;
    }
}
