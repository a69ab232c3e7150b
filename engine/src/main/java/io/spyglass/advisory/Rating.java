package io.spyglass.advisory;

/**
 * One source's view of how bad a vulnerability is: its level and, where it gave one, a CVSS
 * assessment. {@code source} names who rated it ({@code ghsa}, {@code nvd}, {@code debian}, …).
 */
public record Rating(String source, Severity level, Cvss cvss) {
    public Rating {
        if (source == null || source.isBlank()) throw new InvalidAdvisoryException("rating without a source");
        if (level == null) level = cvss == null ? Severity.UNSPECIFIED : cvss.severity();
    }

    public static Rating of(String source, Cvss cvss) {
        return new Rating(source, cvss.severity(), cvss);
    }

    public static Rating of(String source, Severity level) {
        return new Rating(source, level, null);
    }
}
