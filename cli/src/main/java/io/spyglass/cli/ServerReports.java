package io.spyglass.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.Cvss;
import io.spyglass.advisory.Rating;
import io.spyglass.advisory.Severity;
import io.spyglass.catalog.Package;
import io.spyglass.image.Platform;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.JsonSbomReader;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.VexException;
import io.spyglass.vex.VexStatement;
import io.spyglass.vex.VexStatus;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * An image's stored report, fetched from a Spyglass server's JSON API and turned into what a local
 * analysis gives: the SBOM ({@code GET /api/repositories/NS/REPO/tags/TAG/sbom}) and its findings
 * ({@code GET …/tags/TAG}), so sbom, cves and quickview print it with their usual formats.
 */
final class ServerReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One image of a tag: its SBOM as stored (Spyglass json), read back, the findings the server holds
     * for it, and the repository's VEX verdicts on them (by finding, identity).
     */
    record Fetched(String storedSbom, Sbom sbom, List<Finding> findings, Map<Finding, VexVerdict> verdicts, JsonNode image) {
        /** The image's base and recommendations, from the same tag report. */
        ServerBaseImage base() {
            return new ServerBaseImage(image);
        }
    }

    /** How often a waiting client asks again: a push's analysis takes seconds. */
    private static final Duration POLL = Duration.ofMillis(500);

    private final ServerClient server;
    private final URI base;
    private final Duration wait;

    ServerReports(ServerClient server, Duration wait) {
        this.server = server;
        this.base = server.base();
        this.wait = wait;
    }

    Fetched fetch(ServerImage image, Platform wanted) throws IOException {
        JsonNode chosen = image(image, wanted);
        String digest = chosen.path("digest").asText();
        String stored = get(image, image.apiPath() + "/sbom?digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        Sbom sbom = JsonSbomReader.read(JSON.readTree(stored), base.getAuthority() + "/" + image);
        Map<Finding, VexVerdict> verdicts = new IdentityHashMap<>();
        return new Fetched(stored, sbom, findings(chosen, sbom, verdicts), verdicts, chosen);
    }

    /** The wanted platform's image of the tag's report (once analysed), without its SBOM. */
    JsonNode image(ServerImage image, Platform wanted) throws IOException {
        JsonNode report = awaitReport(image);
        ready(image, report.path("summary"));
        return choose(image, report.path("images"), wanted);
    }

    /** The tag's report, asked again while it is queued or being analysed and the wait has not run out. */
    private JsonNode awaitReport(ServerImage image) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode report = JSON.readTree(get(image, image.apiPath()));
            String status = report.path("summary").path("status").asText();
            boolean pending = status.equals("queued") || status.equals("analysing");
            if (!pending || System.nanoTime() - deadline >= 0) return report;
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the report of " + image);
            }
        }
    }

    /** Throws, saying why, unless the tag's report is there. */
    private void ready(ServerImage image, JsonNode summary) throws IOException {
        String status = summary.path("status").asText();
        switch (status) {
            case "done" -> { }
            case "off" -> throw new IOException("image analysis is off for " + image.namespace() + "/" + image.repository() + " on " + base
                    + " (an owner turns it on: spyglass repo settings NS/NAME --image-insight advanced|basic)");
            case "queued", "analysing" -> throw new IOException(image + " has no report yet (" + status + ")" + (wait.isZero()
                    ? "; try again shortly, or wait for it with --wait SECONDS" : " after waiting " + wait.toSeconds() + " s"));
            case "failed" -> throw new IOException("analysis of " + image + " failed: " + summary.path("reason").asText());
            default -> throw new IOException(base + " answered an unknown status '" + status + "' for " + image);
        }
    }

    private static JsonNode choose(ServerImage image, JsonNode images, Platform wanted) throws IOException {
        if (images.size() == 1) return images.get(0);
        List<String> platforms = new ArrayList<>();
        for (JsonNode i : images) {
            if (i.path("platform").asText().equals(wanted.toString())) return i;
            platforms.add(i.path("platform").asText());
        }
        throw new IOException(image + " has no " + wanted + " image; it has " + String.join(", ", platforms) + " (choose with --platform)");
    }

    /** The report's findings, each tied to its package of the SBOM (the report lists packages in SBOM order). */
    static List<Finding> findings(JsonNode image, Sbom sbom) throws IOException {
        return findings(image, sbom, new IdentityHashMap<>());
    }

    /** The same, putting the server's VEX verdict of each finding that has one into {@code verdicts}. */
    static List<Finding> findings(JsonNode image, Sbom sbom, Map<Finding, VexVerdict> verdicts) throws IOException {
        List<Finding> out = new ArrayList<>();
        JsonNode packages = image.path("packages");
        for (int i = 0; i < packages.size(); i++) {
            JsonNode p = packages.get(i);
            Package pkg = i < sbom.packages().size() ? sbom.packages().get(i) : null;
            if (pkg == null || !pkg.name().equals(p.path("name").asText()) || !Objects.equals(pkg.version(), text(p, "version"))) {
                throw new IOException("the server's report and SBOM disagree at package " + i + " (" + p.path("name").asText() + ")");
            }
            for (JsonNode f : p.path("findings")) {
                Finding finding = finding(f, pkg);
                out.add(finding);
                VexVerdict v = verdict(f.path("vex"), finding.vulnerabilityId());
                if (v != null) verdicts.put(finding, v);
            }
        }
        out.sort(Matcher.ORDER);
        return out;
    }

    private static Finding finding(JsonNode f, Package pkg) {
        String source = text(f, "source");
        String vector = text(f, "cvss");
        Cvss cvss = null;
        if (vector != null) {
            try {
                cvss = Cvss.parse(vector);
            } catch (IllegalArgumentException e) {
                // a vector this client cannot read: the severity still says how bad it is
            }
        }
        Rating rating = new Rating(source == null ? "unknown" : source, Severity.parse(f.path("severity").asText("unspecified")), cvss);
        String fixed = text(f, "fixedVersion");
        String advisory = text(f, "advisoryId");
        return new Finding(f.path("vulnerabilityId").asText(), List.of(), pkg, text(f, "namespace"), "stored report",
                source == null ? List.of() : List.of(source), advisory == null ? List.of() : List.of(advisory), text(f, "affectedRange"),
                fixed, fixed == null ? AffectedStatus.AFFECTED : AffectedStatus.FIXED, rating, List.of(rating), f.path("uncertain").asBoolean(false), null);
    }

    /** The statement the server applied to a finding (its repository's VEX), as the engine's verdict; null when none. */
    static VexVerdict verdict(JsonNode vex, String vulnerabilityId) throws IOException {
        if (!vex.isObject()) return null;
        VexStatus status;
        try {
            status = VexStatus.parse(vex.path("status").asText(null));
        } catch (VexException e) {
            throw new IOException("the server's report has a VEX verdict on " + vulnerabilityId + " this client cannot read: " + e.getMessage());
        }
        Instant at = vex.hasNonNull("statedAt") ? Instant.ofEpochMilli(vex.path("statedAt").asLong()) : null;
        VexStatement statement = new VexStatement(vulnerabilityId, List.of(), List.of(), status, text(vex, "justification"),
                text(vex, "impactStatement"), text(vex, "actionStatement"), at);
        return new VexVerdict(statement, text(vex, "documentId"), text(vex, "author"), at);
    }

    private String get(ServerImage image, String path) throws IOException {
        HttpResponse<String> r = server.send("GET", "/api/repositories/" + path, null);
        String who = server.who();
        return switch (r.statusCode()) {
            case 200 -> r.body();
            case 404 -> throw new IOException("no tag " + image + " on " + base + " that " + (who == null
                    ? "anonymous users may pull (for a private repository give --username and SPYGLASS_PASSWORD, SPYGLASS_TOKEN or --password-stdin)"
                    : who + " may pull"));
            default -> throw new IOException(base + " answered HTTP " + r.statusCode() + " for " + image + ": " + ServerClient.error(r.body()));
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
