package io.spyglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.advisory.Cvss;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code {"vulnerabilities": [{"id", "aliases", "severity", "cvss", "source", "sources", "package",
 * "fixedVersion", "uncertain", "locations"}]}}: {@code source} is the first source that reported it;
 * {@code uncertain} when a version could not be compared or a jar's Maven group was inferred (the
 * finding may be wrong either way), with {@code uncertainReason} saying which; {@code vex} the
 * statement that decided it, and {@code suppressed} when that statement is not_affected or fixed.
 */
final class FindingsJson implements FindingsFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(Sbom sbom, List<Finding> findings, Map<Finding, VexVerdict> vex, OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("vulnerabilities");
        for (Finding f : findings) list.add(withVex(finding(f), vex.get(f)));
        JSON.writerWithDefaultPrettyPrinter().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, root);
        out.write('\n');
        out.flush();
    }

    private static ObjectNode withVex(ObjectNode n, VexVerdict v) {
        n.put("suppressed", v != null && v.suppresses());
        if (v == null) return n;
        ObjectNode x = n.putObject("vex");
        x.put("status", v.status().id());
        x.put("justification", v.statement().justification());
        x.put("impactStatement", v.statement().impactStatement());
        x.put("actionStatement", v.statement().actionStatement());
        x.put("author", v.author());
        x.put("timestamp", v.timestamp() == null ? null : v.timestamp().toString());
        x.put("document", v.documentId());
        return n;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", f.vulnerabilityId());
        ArrayNode aliases = n.putArray("aliases");
        f.aliases().forEach(aliases::add);
        n.put("severity", f.level().id());
        Cvss cvss = f.severity() == null ? null : f.severity().cvss();
        if (cvss == null) {
            n.putNull("cvss");
        } else {
            ObjectNode c = n.putObject("cvss");
            c.put("version", cvss.version());
            c.put("vector", cvss.vector());
            if (cvss.score() == null) c.putNull("score"); else c.put("score", cvss.score());
        }
        n.put("source", f.sources().isEmpty() ? null : f.sources().get(0));
        ArrayNode sources = n.putArray("sources");
        f.sources().forEach(sources::add);
        Package p = f.pkg();
        ObjectNode pkg = n.putObject("package");
        pkg.put("type", p.type().id());
        pkg.put("name", p.name());
        pkg.put("version", p.version());
        pkg.put("purl", p.purl());
        n.put("fixedVersion", f.fixedVersion());
        // a bound or the installed version its scheme cannot read: reported, never guessed either way
        n.put("uncertain", f.uncertain());
        // why: which version could not be compared, or which Maven group was inferred
        if (f.uncertain() && f.note() != null) n.put("uncertainReason", f.note());
        ArrayNode locations = n.putArray("locations");
        for (Location l : p.locations()) locations.addObject().put("path", l.path()).put("layer", l.layer());
        return n;
    }
}
