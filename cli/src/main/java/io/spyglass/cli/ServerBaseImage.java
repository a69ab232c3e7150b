package io.spyglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.catalog.Package;
import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image's base and recommendations from a Spyglass server's tag report
 * ({@code GET /api/repositories/NS/REPO/tags/TAG}: {@code baseImage}, {@code recommendations} and
 * each package's {@code fromBase}), for {@code recommendations}, {@code quickview} and
 * {@code cves --only-base/--ignore-base}. The report is the one {@link ServerReports} fetched.
 */
record ServerBaseImage(JsonNode image) {
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean hasBase() {
        return image.path("baseImage").isObject();
    }

    /** {@code NS/REPO:TAG} of the base. */
    String reference() {
        JsonNode b = image.path("baseImage");
        return b.path("repository").asText() + ":" + b.path("tag").asText();
    }

    /** Whether each package of the SBOM came with the base (the report lists packages in SBOM order). */
    Map<Package, Boolean> origins(Sbom sbom) throws IOException {
        JsonNode packages = image.path("packages");
        if (packages.size() != sbom.packages().size()) {
            throw new IOException("the server's report lists " + packages.size() + " packages but its SBOM " + sbom.packages().size());
        }
        Map<Package, Boolean> out = new IdentityHashMap<>();
        for (int i = 0; i < packages.size(); i++) out.put(sbom.packages().get(i), packages.get(i).path("fromBase").asBoolean(false));
        return out;
    }

    /** Only the findings from the base ({@code fromBase}) or only those added on top. */
    List<Finding> keep(List<Finding> findings, Sbom sbom, boolean fromBase) throws IOException {
        Map<Package, Boolean> origins = origins(sbom);
        return findings.stream().filter(f -> origins.getOrDefault(f.pkg(), false) == fromBase).toList();
    }

    /** The base lines of quickview, when the server knows a base (none otherwise: as a local quickview prints). */
    void printBase(PrintStream out) {
        if (!hasBase()) return;
        JsonNode b = image.path("baseImage");
        out.printf("%-16s %s (%s, %s)%n", "base image", reference(), b.path("digest").asText(), "by " + b.path("detectedBy").asText());
        int recommended = image.path("recommendations").size();
        if (recommended > 0) {
            JsonNode first = image.path("recommendations").get(0);
            out.printf("%-16s %s%s%n", "recommended", first.path("repository").asText() + ":" + first.path("tag").asText(),
                    first.path("fixed").isObject() ? " (fixes " + first.path("fixed").path("total").asLong() + ", adds "
                            + first.path("added").path("total").asLong() + ")" : "");
        }
    }

    /** The recommendations as a table: what to move to, why, what it fixes and adds by severity, size and age. */
    void printRecommendations(PrintStream out) {
        if (!hasBase()) {
            out.println("No base image is known for this image.");
            return;
        }
        out.println("Base image: " + reference() + " " + image.path("baseImage").path("digest").asText());
        JsonNode recs = image.path("recommendations");
        if (recs.isEmpty()) {
            out.println("No recommendation: no newer image of this base is known.");
            return;
        }
        out.printf("%-40s %-10s %-22s %-22s %10s %s%n", "MOVE TO", "WHY", "FIXES (C/H/M/L/O)", "ADDS (C/H/M/L/O)", "SIZE", "PUSHED");
        Instant now = Instant.now();
        for (JsonNode r : recs) {
            out.printf("%-40s %-10s %-22s %-22s %10s %s%n", r.path("repository").asText() + ":" + r.path("tag").asText(),
                    r.path("kind").asText(), delta(r.path("fixed"), r), delta(r.path("added"), r),
                    r.path("size").isNumber() ? mib(r.path("size").asLong()) : "-",
                    Duration.between(Instant.ofEpochMilli(r.path("pushedAt").asLong()), now).toDays() + " days ago");
        }
    }

    private static String delta(JsonNode d, JsonNode r) {
        if (!d.isObject()) return "(" + r.path("status").asText() + ")";
        return d.path("total").asLong() + " (" + d.path("critical").asLong() + "/" + d.path("high").asLong() + "/"
                + d.path("medium").asLong() + "/" + d.path("low").asLong() + "/" + d.path("other").asLong() + ")";
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
