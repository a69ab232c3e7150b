package io.spyglass.server.analysis.base;

import java.util.List;

/** What the API and pages show about an image's base (times epoch ms; sizes in bytes). */
public final class BaseImageModel {
    private BaseImageModel() {}

    /**
     * The base of an image: {@code repository} NS/NAME and {@code tag} as detected, {@code digest}
     * the base's image manifest, {@code detectedBy} {@code layers} or {@code provenance}, {@code layers}
     * how many of the image's layers come from it (0 when unknown), {@code platform} the base's.
     */
    public record BaseImage(String repository, String tag, String digest, String detectedBy, int layers, String platform) {}

    /** Vulnerabilities (distinct ids) by severity. */
    public record SeverityDelta(long critical, long high, long medium, long low, long other) {
        public static final SeverityDelta ZERO = new SeverityDelta(0, 0, 0, 0, 0);

        @com.fasterxml.jackson.annotation.JsonProperty("total")
        public long total() {
            return critical + high + medium + low + other;
        }

        SeverityDelta plus(String severity) {
            return switch (severity) {
                case "critical" -> new SeverityDelta(critical + 1, high, medium, low, other);
                case "high" -> new SeverityDelta(critical, high + 1, medium, low, other);
                case "medium" -> new SeverityDelta(critical, high, medium + 1, low, other);
                case "low" -> new SeverityDelta(critical, high, medium, low + 1, other);
                default -> new SeverityDelta(critical, high, medium, low, other + 1);
            };
        }
    }

    /**
     * A base to move to: {@code kind} {@code refresh} (the same tag pushed again) or {@code newer-tag}
     * (a newer tag of the same flavour). {@code fixed}/{@code added} are null until both images are
     * analysed ({@code status} says which is not); {@code size} and {@code pushedAt} are the candidate's.
     */
    public record Recommendation(String kind, String repository, String tag, String digest, String status,
                                 SeverityDelta fixed, SeverityDelta added, Long size, Long baseSize, long pushedAt) {}

    /** An image's base and the recommendations for it, newest candidate first after the refresh. */
    public record ImageBase(BaseImage baseImage, List<Recommendation> recommendations) {
        public ImageBase {
            recommendations = List.copyOf(recommendations);
        }
    }
}
