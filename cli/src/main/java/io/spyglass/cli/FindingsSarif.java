package io.spyglass.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.advisory.Cvss;
import io.spyglass.advisory.Severity;
import io.spyglass.catalog.Location;
import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one rule per vulnerability id, one result per
 * vulnerable package, its level from the severity; locations are the package's paths in the image.
 * An uncertain finding says so in its message and properties; one a VEX statement suppresses carries
 * an external, accepted suppression with the justification (code-scanning dashboards hide it).
 */
final class FindingsSarif implements FindingsFormat {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(Sbom sbom, List<Finding> findings, Map<Finding, VexVerdict> vex, OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "spyglass");
        driver.put("version", "0.1.0");
        driver.put("informationUri", "https://github.com/spyglass/spyglass");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (Finding f : findings) {
            Integer index = ruleIndex.get(f.vulnerabilityId());
            if (index == null) {
                index = rules.size();
                ruleIndex.put(f.vulnerabilityId(), index);
                rules.add(rule(f));
            }
            results.add(result(f, index, sbom, vex.get(f)));
        }
        JSON.writerWithDefaultPrettyPrinter().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, root);
        out.write('\n');
        out.flush();
    }

    private static ObjectNode rule(Finding f) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("id", f.vulnerabilityId());
        rule.put("name", "Vulnerability");
        rule.putObject("shortDescription").put("text", f.vulnerabilityId() + " (" + f.level().id() + ")");
        rule.putObject("defaultConfiguration").put("level", level(f.level()));
        ObjectNode props = rule.putObject("properties");
        props.putArray("tags").add("security").add("vulnerability");
        Cvss cvss = f.severity() == null ? null : f.severity().cvss();
        // GitHub code scanning sorts by this property; it expects the score as a string
        if (cvss != null && cvss.score() != null) props.put("security-severity", String.valueOf(cvss.score()));
        return rule;
    }

    private static ObjectNode result(Finding f, int ruleIndex, Sbom sbom, VexVerdict vex) {
        ObjectNode r = JSON.createObjectNode();
        r.put("ruleId", f.vulnerabilityId());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(f.level()));
        String fix = f.isFixable() ? "; fixed in " + f.fixedVersion() : "; no fix available";
        String uncertain = f.uncertain() ? "; uncertain" + (f.note() == null ? "" : ": " + f.note()) : "";
        r.putObject("message").put("text", f.pkg().type().id() + " package " + f.pkg().name() + " " + f.pkg().version()
                + " is affected by " + f.vulnerabilityId() + " (" + f.level().id() + ")" + fix + uncertain);
        ObjectNode props = r.putObject("properties");
        props.put("uncertain", f.uncertain());
        if (f.uncertain() && f.note() != null) props.put("uncertainReason", f.note());
        if (vex != null) props.put("vexStatus", vex.status().id());
        if (vex != null && vex.suppresses()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", vex.describe() + " (" + (vex.author() == null ? vex.documentId() : vex.author()) + ")");
        }
        ArrayNode locations = r.putArray("locations");
        List<String> paths = f.pkg().locations().stream().map(Location::path).distinct().toList();
        if (paths.isEmpty()) paths = List.of(imageName(sbom));
        for (String path : paths) {
            ObjectNode loc = locations.addObject();
            // SARIF uris are relative to the scanned root: the image's filesystem
            loc.putObject("physicalLocation").putObject("artifactLocation").put("uri", path.replaceFirst("^/+", ""));
            loc.putArray("logicalLocations").addObject()
                    .put("name", f.pkg().name()).put("fullyQualifiedName", f.pkg().purl() != null ? f.pkg().purl() : f.pkg().name())
                    .put("kind", "module");
        }
        return r;
    }

    private static String imageName(Sbom sbom) {
        return sbom.image() == null || sbom.image().reference() == null ? "image" : sbom.image().reference();
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }
}
