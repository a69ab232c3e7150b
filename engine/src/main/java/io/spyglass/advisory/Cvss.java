package io.spyglass.advisory;

/**
 * One CVSS assessment: version ({@code 2.0}, {@code 3.0}, {@code 3.1}, {@code 4.0}), vector and
 * base score. The score is null when the source gave none and it could not be computed (v4 vectors
 * are not scored here).
 */
public record Cvss(String version, String vector, Double score) {
    public Cvss {
        if (vector == null || vector.isBlank()) throw new InvalidAdvisoryException("CVSS vector is empty");
        vector = vector.trim();
        if (version == null || version.isBlank()) version = versionOf(vector);
        if (score != null && (score < 0.0 || score > 10.0)) {
            throw new InvalidAdvisoryException("CVSS score " + score + " is outside 0–10 for " + vector);
        }
    }

    /** Parses a vector alone, computing the base score for v2 and v3.x. */
    public static Cvss parse(String vector) {
        if (vector == null || vector.isBlank()) throw new InvalidAdvisoryException("CVSS vector is empty");
        String v = vector.trim();
        String version = versionOf(v);
        Double score = switch (version) {
            case "3.0", "3.1" -> CvssCalculator.v3(v);
            case "2.0" -> CvssCalculator.v2(v);
            default -> null;
        };
        return new Cvss(version, v, score);
    }

    /** The level the score maps to, or UNSPECIFIED without a score. */
    public Severity severity() {
        if (score == null) return Severity.UNSPECIFIED;
        return "2.0".equals(version) ? Severity.fromCvss2Score(score) : Severity.fromScore(score);
    }

    static String versionOf(String vector) {
        if (vector.startsWith("CVSS:3.1/")) return "3.1";
        if (vector.startsWith("CVSS:3.0/")) return "3.0";
        if (vector.startsWith("CVSS:4.0/")) return "4.0";
        if (vector.startsWith("AV:") || vector.startsWith("(AV:")) return "2.0";
        throw new InvalidAdvisoryException("not a CVSS vector: '" + vector + "'");
    }
}
